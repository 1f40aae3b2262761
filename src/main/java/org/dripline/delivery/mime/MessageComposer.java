package org.dripline.delivery.mime;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.dripline.campaign.Campaign;
import org.dripline.delivery.dkim.DkimSigning;
import org.dripline.infra.HeaderText;
import org.dripline.render.RenderedMessage;
import org.dripline.subscriber.SubscriberProfile;

/**
 * Builds the MIME message for one delivery: multipart/alternative with the text part first
 * (clients show the last part they understand), a Message-ID of our own, and the delivery id
 * in {@code X-Dripline-Delivery} so bounces and support can find the ledger row.
 */
public final class MessageComposer {

  static final String DELIVERY_HEADER = "X-Dripline-Delivery";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ThreadLocal<DateHeader> DATES = ThreadLocal.withInitial(DateHeader::new);

  private final Session session;
  private final DkimSigning dkim;

  public MessageComposer(Session session, DkimSigning dkim) {
    this.session = session;
    this.dkim = dkim;
  }

  public MimeMessage compose(long deliveryId, Campaign campaign, SubscriberProfile to, RenderedMessage content,
      Unsubscribe unsubscribe, Instant now) throws MessagingException {
    String messageId = messageId(deliveryId, campaign.from().address());
    PrebuiltMimeMessage message = new PrebuiltMimeMessage(session, messageId);
    message.setFrom(address(campaign.from().address(), campaign.from().name()));
    message.setRecipient(Message.RecipientType.TO, address(to.email(), to.firstName()));
    if (campaign.replyTo() != null) {
      message.setReplyTo(new InternetAddress[] {address(campaign.replyTo(), null)});
    }
    message.setSubject(HeaderText.clean(content.subject()), "UTF-8");
    message.setHeader("Date", DATES.get().format(now));
    message.setHeader(DELIVERY_HEADER, Long.toString(deliveryId));
    // RFC 8058 one-click: both headers, and the DKIM signature covers them (see DkimSigner).
    message.setHeader("List-Unsubscribe", headerValue("<" + unsubscribe.url() + ">, <" + unsubscribe.mailto() + ">"));
    message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");

    // The body is built once, by hand: the bytes DKIM signs are exactly the bytes written to SMTP.
    String boundary = boundary();
    message.setHeader("MIME-Version", "1.0");
    message.setHeader("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
    message.setHeader("Message-ID", messageId);
    MimeBytes body = new MimeBytes(content.html().length() + content.text().length() + 1024);
    part(body, boundary, "text/plain; charset=UTF-8", content.text());
    part(body, boundary, "text/html; charset=UTF-8", content.html());
    body.line("--" + boundary + "--");
    byte[] bodyBytes = body.toByteArray();

    List<String> headerLines = Collections.list(message.getAllHeaderLines());
    String signature = dkim == null ? null : dkim.signatureHeader(headerLines, bodyBytes,
        campaign.from().address(), now);
    MimeBytes wire = new MimeBytes(bodyBytes.length + 2048);
    if (signature != null) {
      wire.line(signature);
      message.addHeaderLine(signature);
    }
    for (String line : headerLines) {
      wire.line(line);
    }
    wire.crlf().bytes(bodyBytes);
    message.freeze(bodyBytes, wire.toByteArray());
    return message;
  }

  private static void part(MimeBytes body, String boundary, String contentType, String text) {
    body.line("--" + boundary)
        .line("Content-Type: " + contentType)
        .line("Content-Transfer-Encoding: quoted-printable")
        .crlf()
        .quotedPrintable(text)
        .crlf();
  }

  /** "=_" cannot occur in quoted-printable text, so the boundary cannot collide with a part. */
  private static String boundary() {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    return "=_dripline_" + HexFormat.of().formatHex(nonce);
  }

  /**
   * The Date header as setSentDate writes it, formatted once per second and thread rather than
   * per message (MailDateFormat is a SimpleDateFormat: slow, and not thread-safe).
   */
  private static final class DateHeader {
    private final MailDateFormat format = new MailDateFormat();
    private long second = Long.MIN_VALUE;
    private String value;

    String format(Instant now) {
      if (now.getEpochSecond() != second) {
        second = now.getEpochSecond();
        value = format.format(Date.from(Instant.ofEpochSecond(second)));
      }
      return value;
    }
  }

  /** The one-click URL (http or https) and the mailto alternative of {@code List-Unsubscribe}. */
  public record Unsubscribe(String url, String mailto) {

    public Unsubscribe {
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

  /**
   * The composed message: headers set through Jakarta Mail's own setters (their encoding and
   * validation), the bytes built once. writeTo writes those bytes, the ones DKIM signed; Jakarta
   * Mail would otherwise re-encode the parts per send and replace the Message-ID in saveChanges.
   */
  static final class PrebuiltMimeMessage extends MimeMessage {

    private final String messageId;
    private byte[] wire;

    PrebuiltMimeMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    /** From here on the message is what {@code wire} says; {@code body} serves getContent(). */
    void freeze(byte[] body, byte[] wire) {
      this.content = body;
      this.wire = wire;
      this.modified = false;
      this.saved = true;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }

    @Override
    public void saveChanges() throws MessagingException {
      if (wire == null) {
        super.saveChanges();
      }
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
      if (wire == null || writesIgnoredHeader(ignoreList)) {
        super.writeTo(out, ignoreList);
        return;
      }
      out.write(wire);
      out.flush();
    }

    /** SMTP leaves out Bcc and Content-Length; this message has neither, so its bytes go as they are. */
    private boolean writesIgnoredHeader(String[] ignoreList) throws MessagingException {
      if (ignoreList != null) {
        for (String name : ignoreList) {
          if (getHeader(name) != null) {
            return true;
          }
        }
      }
      return false;
    }
  }
}
