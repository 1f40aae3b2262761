package org.dripline.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.dripline.testing.BounceMailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * How recorded messages leave the bounce mailbox, against a real IMAP server (GreenMail): a chunk
 * in one COPY and one STORE, and, when the server refuses the copy, nothing marked deleted, so the
 * messages stay in the inbox for the next run and are counted as left there.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ImapMailboxMovesIntegrationTests {

  @RegisterExtension
  static GreenMailExtension mail = BounceMailbox.server("bounces@dripline.example");

  ImapMailboxReader reader;

  @BeforeEach
  void anEmptyMailbox() throws Exception {
    mail.purgeEmailFromAllMailboxes();
    BounceSettings settings = new Binder(new MapConfigurationPropertySource(Map.of(
        "dripline.bounce.imap.host", "127.0.0.1", "dripline.bounce.imap.port", mail.getImap().getPort(),
        "dripline.bounce.imap.ssl", "false", "dripline.bounce.imap.user", "bounces",
        "dripline.bounce.imap.password", "secret"))).bindOrCreate("dripline.bounce", BounceSettings.class);
    reader = new ImapMailboxReader(settings);
  }

  @Test
  void aChunkOfRecordedMessagesLeavesTheInboxTogether() throws Exception {
    // given three messages read from the inbox
    deliver(3);
    List<Long> uids = readAll();

    // when they are moved out after recording
    int left = reader.moveOut(uids, false);
    reader.close();

    // then none stayed: all are in the processed folder, the inbox is empty
    assertThat(left).isZero();
    assertThat(folderSize("INBOX")).isZero();
    assertThat(folderSize("Dripline-Processed")).isEqualTo(3);
    assertThat(reader.moveOut(List.of(), true)).as("an empty chunk asks nothing").isZero();
  }

  @Test
  void messagesTheServerWillNotCopyStayInTheInboxAndAreCounted() throws Exception {
    // given two messages read, and the processed folder gone from the server meanwhile
    deliver(2);
    List<Long> uids = readAll();
    mail.getManagers().getImapHostManager().deleteMailbox(user(), "Dripline-Processed");

    // when they are moved out
    int left = reader.moveOut(uids, false);
    reader.close();

    // then both count as left in the inbox, and neither was marked deleted (the close expunged nothing)
    assertThat(left).isEqualTo(2);
    assertThat(folderSize("INBOX")).isEqualTo(2);
  }

  private List<Long> readAll() throws Exception {
    reader.open(new ExecutionContext());
    List<Long> uids = new ArrayList<>();
    for (MailboxMessage message = reader.read(); message != null; message = reader.read()) {
      uids.add(message.uid());
    }
    return uids;
  }

  private void deliver(int count) throws Exception {
    for (int i = 0; i < count; i++) {
      String text = "From: <>\r\nTo: bounces@dripline.example\r\nSubject: Undelivered " + i + "\r\n\r\nbody " + i + "\r\n";
      user().deliver(new MimeMessage(Session.getInstance(new Properties()),
          new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
    }
  }

  private GreenMailUser user() {
    return mail.getUserManager().getUser("bounces");
  }

  private int folderSize(String name) throws Exception {
    var imap = mail.getManagers().getImapHostManager();
    var found = "INBOX".equals(name) ? imap.getInbox(user()) : imap.getFolder(user(), name);
    return found == null ? 0 : found.getMessageCount();
  }
}
