package org.dripline.delivery.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.dripline.campaign.Campaign;
import org.dripline.delivery.SmtpSettings;
import org.dripline.delivery.dkim.DkimSigning;
import org.dripline.infra.HeaderText;
import org.dripline.render.RenderedMessage;
import org.dripline.subscriber.SubscriberProfile;
import org.dripline.tracking.BounceAddresses;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Builds the MIME message for one delivery: multipart/alternative with the text part first
 * (clients show the last part they understand), a Message-ID of our own, the delivery id in
 * {@code X-Dripline-Delivery} so bounces and support can find the ledger row, the list headers
 * ({@link ListHeaders}) and, with VERP on, the delivery's own envelope sender. Transactional
 * mail (a sign-up confirmation) is built the same way, without the list headers. Headers go
 * through Jakarta Mail's setters (their encoding and validation); the bytes are built once here,
 * DKIM-signed, and sent as they are.
 */
@Component
public final class MessageComposer {

  static final String DELIVERY_HEADER = "X-Dripline-Delivery";
  /** Only a header container: composing never talks to a server, so it needs no SMTP settings. */
  static final Session SESSION = Session.getInstance(new Properties());
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ThreadLocal<DateHeader> DATES = ThreadLocal.withInitial(DateHeader::new);

  private final DkimSigning dkim;
  /** The bounce domain of VERP ({@code dripline.smtp.verp-domain}), or null: the envelope sender is the From address. */
  private final String verpDomain;
  private final BounceAddresses bounceAddresses;

  /** {@code dkim} null: unsigned (tests); no VERP. */
  public MessageComposer(DkimSigning dkim) {
    this(dkim, null, null);
  }

  /** With VERP when {@code smtp} names a bounce domain: each delivery's envelope sender is its own bounce address. */
  @Autowired
  public MessageComposer(DkimSigning dkim, SmtpSettings smtp, BounceAddresses bounceAddresses) {
    this.dkim = dkim;
    this.verpDomain = smtp == null ? null : smtp.verpDomain();
    this.bounceAddresses = bounceAddresses;
  }

  /**
   * The message of step {@code stepId} of {@code campaign} for {@code to}: with the list headers
   * (List-Id, List-Unsubscribe and its one-click Post, Feedback-ID), all DKIM-signed, and, with
   * VERP on, the delivery's own bounce address as envelope sender.
   */
  public ComposedMessage compose(long deliveryId, Campaign campaign, String stepId, SubscriberProfile to,
      RenderedMessage content, Unsubscribe unsubscribe, Instant now) throws MessagingException {
    String from = campaign.from().address();
    String messageId = messageId(deliveryId, from);
    MimeMessage message = new MimeMessage(SESSION);
    InternetAddress sender = address(from, campaign.from().name());
    InternetAddress recipient = address(to.email(), to.firstName());
    setAddresses(message, sender, recipient);
    if (campaign.replyTo() != null) {
      message.setReplyTo(new InternetAddress[] {address(campaign.replyTo(), null)});
    }
    setSubject(message, content.subject());
    message.setHeader("Date", DATES.get().format(now));
    message.setHeader(DELIVERY_HEADER, Long.toString(deliveryId));
    // RFC 2919: mailbox providers group and filter by it (Gmail's unsubscribe button needs a list).
    message.setHeader("List-Id", MimeUtility.fold(9, ListHeaders.listId(campaign)));
    // RFC 8058 one-click: both headers, and the DKIM signature covers them (see DkimSigning).
    message.setHeader("List-Unsubscribe", headerValue("<" + unsubscribe.url() + ">, <" + unsubscribe.mailto() + ">"));
    message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    // Gmail's feedback loop reports complaint rates per field of this header; it must be DKIM-signed.
    message.setHeader("Feedback-ID", ListHeaders.feedbackId(campaign.id(), stepId, from));
    ComposedMessage composed = finish(message, messageId, from, sender, recipient, content.text(), content.html(), now);
    if (verpDomain == null || bounceAddresses == null) {
      return composed;
    }
    return new ComposedMessage(composed.messageId(), bounceAddresses.address(deliveryId, verpDomain),
        composed.recipient(), composed.bytes());
  }

  /**
   * A message outside any campaign (no list headers, no ledger row): from {@code from} (with the
   * display name {@code fromName}, may be blank) to {@code to}, signed like every other message.
   */
  public ComposedMessage composeTransactional(String from, String fromName, String to, String subject, String text,
      String html, Instant now) throws MessagingException {
    String messageId = messageId(from);
    MimeMessage message = new MimeMessage(SESSION);
    InternetAddress sender = address(from, fromName);
    InternetAddress recipient = address(to, null);
    setAddresses(message, sender, recipient);
    setSubject(message, subject);
    message.setHeader("Date", DATES.get().format(now));
    return finish(message, messageId, from, sender, recipient, text, html, now);
  }

  /**
   * The body built once, by hand: the bytes DKIM signs are exactly the bytes written to SMTP. The
   * envelope takes the addresses as parsed for the headers, so both always name the same mailbox.
   */
  private ComposedMessage finish(MimeMessage message, String messageId, String from, InternetAddress sender,
      InternetAddress recipient, String text, String html, Instant now) throws MessagingException {
    String boundary = boundary();
    message.setHeader("MIME-Version", "1.0");
    message.setHeader("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
    message.setHeader("Message-ID", messageId);
    MimeBytes body = new MimeBytes(html.length() + text.length() + 1024);
    part(body, boundary, "text/plain; charset=UTF-8", text);
    part(body, boundary, "text/html; charset=UTF-8", html);
    body.line("--" + boundary + "--");
    byte[] bodyBytes = body.toByteArray();

    List<String> headerLines = Collections.list(message.getAllHeaderLines());
    String signature = dkim == null ? null : dkim.signatureHeader(headerLines, bodyBytes, from, now);
    MimeBytes wire = new MimeBytes(bodyBytes.length + 2048);
    if (signature != null) {
      wire.line(signature);
    }
    for (String line : headerLines) {
      wire.line(line);
    }
    wire.crlf().bytes(bodyBytes);
    return new ComposedMessage(messageId, sender.getAddress(), recipient.getAddress(), wire.toByteArray());
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
   * Jakarta Mail passes CR/LF in addHeader/setHeader values through to the wire (stack facts in
   * docs/architecture.md), so a value we build ourselves is refused when it contains line breaks, NUL or any other control
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

  /** A Message-ID for mail without a delivery id: a longer nonce at the From domain. */
  static String messageId(String fromAddress) {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    return "<" + HexFormat.of().formatHex(nonce) + "@" + fromAddress.substring(fromAddress.indexOf('@') + 1) + ">";
  }

  static String messageId(long deliveryId, String fromAddress) {
    byte[] nonce = new byte[8];
    RANDOM.nextBytes(nonce);
    String domain = fromAddress.substring(fromAddress.indexOf('@') + 1);
    return "<" + deliveryId + "." + HexFormat.of().formatHex(nonce) + "@" + domain + ">";
  }

  /**
   * The subject as header text we encode ourselves (HeaderText.encoded): Jakarta Mail's setSubject
   * passes ASCII through as it is, so a subject holding a subscriber's "=?utf-8?b?…?=" would be
   * decoded by the client into whatever the attacker encoded, line breaks included.
   */
  private static void setSubject(MimeMessage message, String subject) throws MessagingException {
    String encoded = HeaderText.encoded(subject);
    if (encoded == null) {
      message.removeHeader("Subject");
    } else {
      message.setHeader("Subject", MimeUtility.fold(9, encoded));
    }
  }

  /** From and To folded between encoded words, so a long display name never makes an over-long line. */
  private static void setAddresses(MimeMessage message, InternetAddress from, InternetAddress to)
      throws MessagingException {
    message.setHeader("From", MimeUtility.fold(6, from.toString()));
    message.setHeader("To", MimeUtility.fold(4, to.toString()));
  }

  /**
   * The mailbox {@code email} (exactly one, strictly parsed: a stored "a@x.org\r\nBcc: y" or an
   * address list is refused) with the display name {@code name}. A name that is plain ASCII goes
   * through Jakarta Mail (quoted as needed); any other name, or one holding "=?", is encoded by us
   * (HeaderText.encoded), so a client decodes it back to exactly the text we stored.
   */
  private static InternetAddress address(String email, String name) throws MessagingException {
    InternetAddress mailbox = new InternetAddress(email, true);
    mailbox.validate();
    String personal = HeaderText.clean(name);
    if (personal == null || personal.isEmpty()) {
      return mailbox;
    }
    try {
      InternetAddress address = HeaderText.needsEncoding(personal)
          ? new InternetAddress(HeaderText.encoded(personal) + " <" + mailbox.getAddress() + ">", true)
          : new InternetAddress(mailbox.getAddress(), personal, "UTF-8");
      address.validate();
      return address;
    } catch (UnsupportedEncodingException e) {
      throw new MessagingException("UTF-8 unsupported", e);
    }
  }
}
