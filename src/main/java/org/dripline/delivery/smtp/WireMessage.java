package org.dripline.delivery.smtp;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Finished message bytes in the shape Jakarta Mail's SMTP transport wants: it writes them as they
 * are (they were DKIM-signed as they are) and takes MAIL FROM from {@link #getFrom()} unless
 * {@code mail.smtp.from} is configured. One per connection, reused for each of its messages (a
 * connection serves one thread, and the transport lets go of the message once sent), so sending
 * allocates nothing but the recipient's address.
 */
final class WireMessage extends MimeMessage {

  private String sender;
  private Address[] from;
  private byte[] bytes;

  WireMessage(Session session) {
    super(session);
  }

  /** Holds the next message; returns its one envelope recipient, checked as strictly as a To header. */
  Address[] load(String sender, String recipient, byte[] bytes) throws AddressException {
    if (!sender.equals(this.sender)) {
      // a campaign sends from one address: parsed once per connection, not per message (with VERP, each
      // delivery has a bounce address of its own, and it is parsed per message)
      this.from = new Address[] {new InternetAddress(sender, true)};
      this.sender = sender;
    }
    this.bytes = bytes;
    return new Address[] {new InternetAddress(recipient, true)};
  }

  @Override
  public Address[] getFrom() {
    return from;
  }

  @Override
  public void saveChanges() {
    // the bytes are final: no header may be added or re-encoded
  }

  @Override
  public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
    out.write(bytes);
    out.flush();
  }
}
