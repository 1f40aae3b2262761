package org.dripline.delivery;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.dripline.campaign.Campaign;
import org.dripline.render.RenderedMessage;
import org.dripline.subscriber.SubscriberProfile;
import org.dripline.support.HeaderText;

/**
 * Builds the MIME message for one delivery: multipart/alternative with the text part first
 * (clients show the last part they understand), a Message-ID of our own, and the delivery id
 * in {@code X-Dripline-Delivery} so bounces and support can find the ledger row.
 */
final class MessageComposer {

  static final String DELIVERY_HEADER = "X-Dripline-Delivery";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Session session;
  private final DkimSigning dkim;

  MessageComposer(Session session, DkimSigning dkim) {
    this.session = session;
    this.dkim = dkim;
  }

  MimeMessage compose(long deliveryId, Campaign campaign, SubscriberProfile to, RenderedMessage content,
      Unsubscribe unsubscribe, Instant now) throws MessagingException {
    String messageId = messageId(deliveryId, campaign.from().address());
    MimeMessage message = new FixedIdMimeMessage(session, messageId);
    message.setFrom(address(campaign.from().address(), campaign.from().name()));
    message.setRecipient(Message.RecipientType.TO, address(to.email(), to.firstName()));
    if (campaign.replyTo() != null) {
      message.setReplyTo(new InternetAddress[] {address(campaign.replyTo(), null)});
    }
    message.setSubject(HeaderText.clean(content.subject()), "UTF-8");
    message.setSentDate(Date.from(now));
    message.setHeader(DELIVERY_HEADER, Long.toString(deliveryId));
    // RFC 8058 one-click: both headers, and the DKIM signature covers them (see DkimSigner).
    message.setHeader("List-Unsubscribe", headerValue("<" + unsubscribe.url() + ">, <" + unsubscribe.mailto() + ">"));
    message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");

    MimeBodyPart text = new MimeBodyPart();
    text.setText(content.text(), "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(content.html(), "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    message.saveChanges();
    return dkim == null ? message : dkim.sign(message);
  }

  /** The one-click URL (http or https) and the mailto alternative of {@code List-Unsubscribe}. */
  record Unsubscribe(String url, String mailto) {

    Unsubscribe {
      if (!url.startsWith("https://") && !url.startsWith("http://")) {
        throw new IllegalArgumentException("List-Unsubscribe needs an http(s) URL: " + url);
      }
      if (!mailto.startsWith("mailto:")) {
        throw new IllegalArgumentException("List-Unsubscribe needs a mailto: URI: " + mailto);
      }
    }
  }

  /**
   * Jakarta Mail passes CR/LF in addHeader/setHeader values through to the wire (STACK.md), so a
   * value we build ourselves is refused when it contains line breaks, NUL or any other control
   * character, or anything outside printable ASCII (header values here are URLs).
   */
  static String headerValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException("unsafe character U+" + String.format("%04X", (int) c) + " in a header value");
      }
    }
    return value;
  }

  static String messageId(long deliveryId, String fromAddress) {
    byte[] nonce = new byte[8];
    RANDOM.nextBytes(nonce);
    String domain = fromAddress.substring(fromAddress.indexOf('@') + 1);
    return "<" + deliveryId + "." + HexFormat.of().formatHex(nonce) + "@" + domain + ">";
  }

  private static InternetAddress address(String email, String name) throws MessagingException {
    try {
      String personal = HeaderText.clean(name);
      InternetAddress address = personal == null || personal.isEmpty() ? new InternetAddress(email, true)
          : new InternetAddress(email, personal, "UTF-8");
      // The (address, personal) constructor checks nothing: a stored "a@x.org\r\nBcc: y" would reach the wire.
      address.validate();
      return address;
    } catch (UnsupportedEncodingException e) {
      throw new MessagingException("UTF-8 unsupported", e);
    }
  }

  /** Jakarta Mail would otherwise replace the Message-ID in saveChanges(); ours is recorded in the ledger. */
  private static final class FixedIdMimeMessage extends MimeMessage {

    private final String messageId;

    FixedIdMimeMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
