package org.dripline.delivery.mime;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;

/** The From and To of a composed message as a mail client shows them, read back from its bytes (previews). */
public record Addresses(String from, String to) {

  public static Addresses of(ComposedMessage message) {
    try {
      MimeMessage parsed = new MimeMessage(MessageComposer.SESSION, new ByteArrayInputStream(message.bytes()));
      return new Addresses(first(parsed.getFrom()), first(parsed.getAllRecipients()));
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot read back a composed message: " + e.getMessage(), e);
    }
  }

  /** Decoded, as a client shows it ("Zoë <zoe@example.org>"), not the encoded words on the wire. */
  private static String first(Address[] addresses) {
    if (addresses == null || addresses.length == 0) {
      return "";
    }
    if (addresses[0] instanceof InternetAddress address) {
      String name = address.getPersonal();
      return name == null || name.isEmpty() ? address.getAddress() : name + " <" + address.getAddress() + ">";
    }
    return addresses[0].toString();
  }
}
