package org.dripline.delivery;

import jakarta.mail.MessagingException;
import java.time.Clock;
import org.dripline.delivery.mime.ComposedMessage;
import org.dripline.delivery.mime.MessageComposer;
import org.springframework.stereotype.Service;

/**
 * Mail outside any campaign (a sign-up confirmation): composed, DKIM-signed and sent like every
 * campaign message, through the same {@link Messenger} and {@link MailServers}, but with no ledger
 * row, no list headers and one attempt: the caller decides what a failure means.
 */
@Service
public class TransactionalMail {

  /**
   * One message, both as plain text and as HTML.
   *
   * @param fromName the sender's display name (blank: none)
   */
  public record Mail(String from, String fromName, String to, String subject, String text, String html) {
  }

  private final MessageComposer composer;
  private final Messenger messenger;
  private final Clock clock;

  TransactionalMail(MessageComposer composer, Messenger messenger, Clock clock) {
    this.composer = composer;
    this.messenger = messenger;
    this.clock = clock;
  }

  /**
   * Sends {@code mail} now, on a connection of its own, and returns the server's acceptance reply.
   *
   * @throws IllegalArgumentException when an address cannot make a message
   * @throws SendFailure when no server took it
   */
  public String send(Mail mail) throws SendFailure {
    ComposedMessage message;
    try {
      message = composer.composeTransactional(mail.from(), mail.fromName(), mail.to(), mail.subject(), mail.text(),
          mail.html(), clock.instant());
    } catch (MessagingException e) {
      throw new IllegalArgumentException("cannot build the message: " + e.getMessage(), e);
    }
    try (Messenger.Connection connection = messenger.connect()) {
      return connection.send(message.sender(), message.recipient(), message.bytes());
    }
  }
}
