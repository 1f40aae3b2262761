package org.dripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.dripline.testing.BounceMailbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import picocli.CommandLine;

/** {@code bounces} as the jar runs it: one pass over a real IMAP mailbox, counts on stdout. */
@SpringBootTest
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BouncesCommandIntegrationTests {

  @RegisterExtension
  static GreenMailExtension mail = BounceMailbox.server("bounces@dripline.example");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    BounceMailbox.register(registry, mail);
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:bounces-cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @Autowired
  ApplicationContext context;

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void bouncesReadsTheMailboxOncePrintsItsCountsAndIsSafeToRunAgain() throws Exception {
    // given a bounce for an unknown delivery and an out-of-office reply in the mailbox
    deliver("qmail-text-hard");
    deliver("out-of-office");

    // when the command runs twice
    String[] first = execute("bounces");
    String[] second = execute("bounces");

    // then the first run reports both messages, the second finds nothing new, both exit 0
    assertThat(first[0]).as(first[1]).isEqualTo("0");
    assertThat(first[1]).contains("status=COMPLETED read=2 hard=0 soft=0 soft-suppressed=0 complaints=0"
        + " unsubscribes=0 unmatched=1 ignored=1 already=0");
    assertThat(second[0]).isEqualTo("0");
    assertThat(second[1]).contains("status=COMPLETED read=0");
  }

  @Test
  void bouncesFileClassifiesAMaildirAnMboxAndOneEmlWithTheJobsParserAndWritesNothing(@TempDir Path dir) throws Exception {
    // given a delivery in the ledger, a Maildir holding its bounce, an mbox of two messages and one .eml
    Timestamp at = Timestamp.valueOf(LocalDateTime.of(2026, 12, 1, 8, 0));
    jdbc.update("insert into subscribers (id, email, status, created_at, updated_at) values (9001, 'gone@example.net',"
        + " 'ACTIVE', ?, ?)", at, at);
    jdbc.update("insert into deliveries (id, campaign_id, step_id, subscriber_id, due_at, status, planned_at, sent_at,"
        + " message_id) values (1001, 'working-mom-guilt', 'one', 9001, ?, 'SENT', ?, ?,"
        + " '<1001.4f2a9c1e7b3d5a60@dripline.example>')", at, at, at);
    Path maildir = dir.resolve("Maildir");
    Files.createDirectories(maildir.resolve("cur"));
    Files.createDirectories(maildir.resolve("new"));
    Files.createDirectories(maildir.resolve("tmp"));
    Files.write(maildir.resolve("new/1764576131.M1P1.mx1:2,"), fixtureBytes("postfix-dsn-hard-user-unknown"));
    Files.write(maildir.resolve("tmp/1764576132.M2P1.mx1"), fixtureBytes("arf-abuse-complaint"));
    Files.writeString(maildir.resolve("dovecot-uidlist"), "3 V1764576000 N2\n");
    Path mbox = dir.resolve("bounces.mbox");
    Files.writeString(mbox, "From MAILER-DAEMON Tue Dec  1 08:04:31 2026\n" + fixtureText("qmail-text-hard")
        + "\nFrom feedback@arf.mail.yahoo.com Wed Dec  9 14:21:07 2026\n" + fixtureText("arf-abuse-complaint") + "\n",
        StandardCharsets.ISO_8859_1);
    Path eml = dir.resolve("one.eml");
    Files.write(eml, fixtureBytes("corpus/yahoo-text-disabled"));
    Long eventsBefore = jdbc.queryForObject("select count(*) from bounce_events", Long.class);

    // when bounces --file runs on each
    String[] fromMaildir = execute("bounces", "--file", maildir.toString());
    String[] fromMbox = execute("bounces", "--file", mbox.toString());
    String[] fromEml = execute("bounces", "--file", eml.toString());
    String[] missing = execute("bounces", "--file", dir.resolve("nope").toString());

    // then one line per message with kind, reason, recipient, code and matched delivery, then a summary
    assertThat(fromMaildir[0]).as(fromMaildir[1]).isEqualTo("0");
    assertThat(fromMaildir[1]).contains("HARD_BOUNCE  user-unknown  gone@example.net  5.1.1  delivery=1001  new/")
        .doesNotContain("COMPLAINT").doesNotContain("dovecot")
        .contains("messages=1 hard-bounce=1 soft-bounce=0 complaint=0 unsubscribe=0 ignored=0 matched=1"
            + " reasons: user-unknown=1");
    assertThat(fromMbox[1]).contains("SOFT_BOUNCE  other  lost@example.net  5.0.0  -  bounces.mbox#1")
        .contains("COMPLAINT  -  complainer@yahoo.com  -  -  bounces.mbox#2")
        .contains("messages=2 hard-bounce=0 soft-bounce=1 complaint=1");
    assertThat(fromEml[1]).contains("HARD_BOUNCE  mailbox-disabled  ned.old@yahoo.test  5.0.0  -  one.eml");
    assertThat(missing[0]).isEqualTo("2");
    assertThat(missing[1]).contains("no such file or directory");
    // and nothing was recorded, nobody suppressed
    assertThat(jdbc.queryForObject("select count(*) from bounce_events", Long.class)).isEqualTo(eventsBefore);
    assertThat(jdbc.queryForObject("select status from subscribers where id = 9001", String.class)).isEqualTo("ACTIVE");
  }

  private static byte[] fixtureBytes(String fixture) throws Exception {
    try (InputStream in = BouncesCommandIntegrationTests.class.getResourceAsStream("/bounces/" + fixture + ".eml")) {
      return in.readAllBytes();
    }
  }

  private static String fixtureText(String fixture) throws Exception {
    return new String(fixtureBytes(fixture), StandardCharsets.ISO_8859_1);
  }

  private void deliver(String fixture) throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/bounces/" + fixture + ".eml")) {
      mail.getUserManager().getUser("bounces").deliver(new MimeMessage(Session.getInstance(new Properties()), in));
    }
  }

  /** exit code, stdout + stderr */
  private String[] execute(String... args) {
    StringWriter out = new StringWriter();
    CommandLine line = CliRunner.commandLine(context);
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(out, true));
    int code = line.execute(args);
    return new String[] {Integer.toString(code), out.toString()};
  }
}
