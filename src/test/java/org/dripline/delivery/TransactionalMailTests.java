package org.dripline.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.dripline.delivery.mime.MessageComposer;
import org.junit.jupiter.api.Test;

/** Mail outside campaigns goes through the same composer and messenger, on a connection of its own. */
class TransactionalMailTests {

  final List<byte[]> sent = new ArrayList<>();
  final List<String> envelopes = new ArrayList<>();
  int opened;
  int closed;
  SendFailure failure;

  final Messenger messenger = () -> {
    opened++;
    return new Messenger.Connection() {
      @Override
      public String send(String sender, String recipient, byte[] message) throws SendFailure {
        if (failure != null) {
          throw failure;
        }
        envelopes.add(sender + " -> " + recipient);
        sent.add(message);
        return "250 2.0.0 queued";
      }

      @Override
      public void close() {
        closed++;
      }
    };
  };
  final TransactionalMail mail = new TransactionalMail(new MessageComposer(null), messenger,
      Clock.fixed(Instant.parse("2026-12-01T08:00:00Z"), ZoneOffset.UTC));

  @Test
  void sendsTheComposedMessageOnAConnectionOfItsOwn() throws Exception {
    // when a confirmation-like mail is sent
    String reply = mail.send(new TransactionalMail.Mail("stories@dripline.example", "Maya", "nia@example.org",
        "Please confirm", "Open this: https://x.example/c/1", "<p>Open <a href=\"https://x.example/c/1\">this</a></p>"));

    // then one connection carried it, from the sender to the recipient, and was closed
    assertThat(reply).startsWith("250");
    assertThat(envelopes).containsExactly("stories@dripline.example -> nia@example.org");
    assertThat(opened).isEqualTo(1);
    assertThat(closed).isEqualTo(1);
    // and it is multipart/alternative, text first, without the campaign list headers
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(sent.get(0)));
    assertThat(message.getSubject()).isEqualTo("Please confirm");
    assertThat(message.getFrom()[0].toString()).isEqualTo("Maya <stories@dripline.example>");
    assertThat(message.getHeader("List-Unsubscribe")).isNull();
    assertThat(message.getHeader("List-Id")).isNull();
    assertThat(message.getHeader("Feedback-ID")).isNull();
    assertThat(message.getHeader("X-Dripline-Delivery")).isNull();
    assertThat(message.getMessageID()).endsWith("@dripline.example>");
    MimeMultipart parts = (MimeMultipart) message.getContent();
    assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Open this: https://x.example/c/1");
    assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
  }

  @Test
  void aServerFailureReachesTheCallerAndTheConnectionIsClosed() {
    failure = new SendFailure(SendFailure.Kind.REJECTED_TEMPORARILY, "451 later", "server deferred the message", null);

    assertThatThrownBy(() -> mail.send(new TransactionalMail.Mail("stories@dripline.example", "", "nia@example.org",
        "Hi", "text", "<p>html</p>"))).isSameAs(failure);
    assertThat(closed).isEqualTo(1);
  }

  @Test
  void anAddressThatIsNotOneIsRefusedBeforeAnyConnection() {
    assertThatThrownBy(() -> mail.send(new TransactionalMail.Mail("stories@dripline.example", "",
        "nia@example.org\r\nBcc: evil@attacker.example", "Hi", "text", "<p>html</p>")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(opened).isZero();
  }
}
