package org.dripline.bounce;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dripline.bounce.BounceReport.Kind;
import org.dripline.tracking.BounceAddresses;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Reads one mailbox message as an ARF complaint (RFC 5965), an RFC 3464 delivery status
 * notification, a non-standard text bounce (Exim, qmail, older Postfix, Gmail/Outlook prose), a
 * mailto: unsubscribe request, or none of these. It never throws: a message it cannot read
 * becomes an IGNORED report, because one odd message must not stop the mailbox.
 */
final class BounceParser implements ItemProcessor<MailboxMessage, BounceReport> {

  private static final Session SESSION = Session.getInstance(new Properties());
  static final Pattern ENHANCED_CODE = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?!\\.?\\d)");
  private static final Pattern DELIVERY_LINE = Pattern.compile("(?im)^[ \\t>]*X-Dripline-Delivery:[ \\t]*(\\d{1,18})[ \\t]*$");
  private static final Pattern MESSAGE_ID_LINE = Pattern.compile("(?im)^[ \\t>]*Message-ID:[ \\t]*(<[^<>\\s]{1,250}>)");
  /** Where mailbox software records the address a message arrived for (the envelope recipient), and To. */
  private static final List<String> RECIPIENT_HEADERS = List.of("Delivered-To", "X-Original-To", "Envelope-To",
      "X-Envelope-To", "X-Rcpt-To", "X-Original-Recipient", "To", "Cc");
  private static final Pattern UNSUBSCRIBE = Pattern.compile("(?i)\\bunsubscribe\\b");
  private static final Pattern UNSUBSCRIBE_LINE = Pattern.compile("(?i)[\\s\"'*]*unsubscribe(\\s+me)?[\\s.!\"'*]*");

  @Override
  public BounceReport process(MailboxMessage item) {
    if (item.unreadable() != null) {
      // the mailbox could not hand over its bytes: keyed by the UID the reader made up for it
      return BounceReport.unreadable(item.uid(), item.mailboxKey(), item.unreadable(), item.receivedAt());
    }
    String key = sha256(item.raw());
    try {
      return parse(item, key);
    } catch (MessagingException | IOException | RuntimeException e) {
      return BounceReport.unreadable(item.uid(), key, e.getClass().getSimpleName() + ": " + e.getMessage(),
          item.receivedAt());
    }
  }

  private static BounceReport parse(MailboxMessage item, String key) throws MessagingException, IOException {
    MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(item.raw()));
    MessageParts parts = MessageParts.of(message);
    String subject = header(message, "Subject");
    String from = sender(message);
    String text = parts.humanText();
    Original original = original(parts.original, TextBounces.original(text));
    Draft draft = new Draft(item, key, original, bounceAddresses(message));

    FailedRecipients.Clues clues = new FailedRecipients.Clues(header(message, "X-Failed-Recipients"), from,
        ownAddresses(message), text + "\n" + headerText(parts.original));

    if (parts.feedbackReport != null || "feedback-report".equals(MessageParts.parameter(message, "report-type"))) {
      return complaint(draft, parts.feedbackReport, parts.original);
    }
    if (Complaints.isProviderComplaint(subject, parts.original)) {
      return draft.reportAll(Kind.COMPLAINT, Complaints.recipients(null, parts.original), null, null,
          "complaint (feedback loop without a report part) from " + (from == null ? "(unknown)" : from));
    }
    if (!parts.deliveryStatus.isEmpty()) {
      return deliveryStatus(draft, parts.deliveryStatus, text, clues);
    }
    if (TextBounces.looksLikeBounce(from, subject, text)) {
      TextBounces.Verdict verdict = TextBounces.read(text, clues);
      return draft.report(verdict.kind(), verdict.recipient(), verdict.statusCode(), verdict.reason(), verdict.detail());
    }
    if (from != null && isUnsubscribeRequest(message, subject, text)) {
      return draft.report(Kind.UNSUBSCRIBE, from, null, null, "unsubscribe request: " + clip(subject, 200))
          .withRequestSubject(clip(subject, 1000));
    }
    return draft.report(Kind.IGNORED, null, null, null, "not a bounce, complaint or unsubscribe request: " + clip(subject, 200));
  }

  /** RFC 5965: only feedback-type abuse is a complaint; not-spam, fraud, virus reports are kept as IGNORED. */
  private static BounceReport complaint(Draft draft, byte[] report, InternetHeaders original) throws MessagingException {
    InternetHeaders fields = report == null ? new InternetHeaders() : new InternetHeaders(new ByteArrayInputStream(report));
    String type = value(fields, "Feedback-Type");
    List<String> recipients = Complaints.recipients(fields, original);
    if (type != null && !"abuse".equalsIgnoreCase(type)) {
      return draft.reportAll(Kind.IGNORED, recipients, null, null, "feedback report of type " + type);
    }
    // a report-type=feedback-report message whose report part is missing or says no type is still a complaint
    String agent = value(fields, "User-Agent");
    return draft.reportAll(Kind.COMPLAINT, recipients, null, null, "complaint (ARF abuse)" + (agent == null ? "" : " from " + agent));
  }

  /** The bounce mailbox's own addresses: the original's sender side, never its recipient. */
  private static List<String> ownAddresses(MimeMessage message) throws MessagingException {
    List<String> own = new ArrayList<>();
    for (String name : new String[] {"To", "Delivered-To", "X-Original-To", "Envelope-To", "Return-Path"}) {
      own.addAll(FailedRecipients.addresses(message.getHeader(name, ",")));
    }
    return own;
  }

  /**
   * The VERP addresses ({@code bounces+…@…}) this message was delivered to, as the receiving side
   * recorded them: its own headers only, never the returned original's (whose Return-Path names
   * the original's envelope sender, which a complainer could quote for another delivery).
   */
  private static List<String> bounceAddresses(MimeMessage message) throws MessagingException {
    List<String> found = new ArrayList<>();
    for (String name : RECIPIENT_HEADERS) {
      for (String address : FailedRecipients.addresses(message.getHeader(name, ","))) {
        if (BounceAddresses.looksLikeOne(address) && !found.contains(address) && found.size() < 10) {
          found.add(address);
        }
      }
    }
    return found;
  }

  private static String headerText(InternetHeaders headers) {
    if (headers == null) {
      return "";
    }
    StringBuilder lines = new StringBuilder();
    java.util.Enumeration<String> all = headers.getAllHeaderLines();
    while (all.hasMoreElements()) {
      lines.append(all.nextElement()).append('\n');
    }
    return lines.toString();
  }

  /**
   * RFC 3464: per-recipient blocks after the per-message block. A failed recipient wins over a
   * delayed one; a report of only delivered/relayed/expanded recipients is no bounce at all.
   */
  private static BounceReport deliveryStatus(Draft draft, List<byte[]> reports, String text, FailedRecipients.Clues clues)
      throws MessagingException {
    List<InternetHeaders> recipients = new ArrayList<>();
    String reportedMessageId = null;
    for (byte[] report : reports) {
      for (String block : new String(report, StandardCharsets.UTF_8).replace("\r\n", "\n").split("\n[ \t]*\n")) {
        InternetHeaders fields = new InternetHeaders(new ByteArrayInputStream(block.strip().getBytes(StandardCharsets.UTF_8)));
        if (value(fields, "Final-Recipient") != null || value(fields, "Original-Recipient") != null) {
          recipients.add(fields);
        } else if (reportedMessageId == null) {
          // Gmail and some others name the original in the per-message block even when they return no copy.
          reportedMessageId = messageId(value(fields, "X-Original-Message-ID"));
        }
      }
    }
    if (draft.original().messageId() == null && reportedMessageId != null) {
      draft = new Draft(draft.item(), draft.key(), new Original(draft.original().deliveryId(), reportedMessageId),
          draft.bounceAddresses());
    }
    InternetHeaders chosen = pick(recipients, "failed");
    chosen = chosen != null ? chosen : pick(recipients, "delayed");
    if (chosen == null) {
      return draft.report(Kind.IGNORED, null, null, null, recipients.isEmpty()
          ? "delivery status report without recipients" : "delivery status report: nothing failed");
    }
    String action = value(chosen, "Action").toLowerCase(Locale.ROOT);
    String recipient = mailAddress(value(chosen, "Final-Recipient"));
    recipient = recipient != null ? recipient : mailAddress(value(chosen, "Original-Recipient"));
    // Final-Recipient can be a local name or an X.400 address (Exchange, qmail-ldap): the text knows the mail address
    recipient = recipient != null ? recipient : FailedRecipients.find(TextBounces.report(text), clues);
    String diagnostic = value(chosen, "Diagnostic-Code");
    String status = code(value(chosen, "Status"));
    status = status != null ? status : code(diagnostic);
    status = status != null ? status : code(text);
    BounceReason reason = BounceClassifier.reason(status, diagnostic);
    if (reason == BounceReason.OTHER && diagnostic == null) {
      // no Diagnostic-Code: the human part in front of the report is the only wording there is
      reason = BounceClassifier.reason(status, TextBounces.report(text));
    }
    Kind kind = BounceClassifier.kind(action, status, reason);
    String detail = action + (diagnostic == null ? "" : ": " + diagnostic);
    return draft.report(kind, recipient, status, reason, detail);
  }

  private static InternetHeaders pick(List<InternetHeaders> recipients, String action) {
    return recipients.stream().filter(r -> action.equalsIgnoreCase(value(r, "Action"))).findFirst().orElse(null);
  }

  private static boolean isUnsubscribeRequest(MimeMessage message, String subject, String text) throws MessagingException {
    // Out-of-office and other automatic replies must not unsubscribe anyone (RFC 3834).
    String autoSubmitted = header(message, "Auto-Submitted");
    String precedence = header(message, "Precedence");
    if ((autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no"))
        || (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|junk|list|auto_reply"))) {
      return false;
    }
    if (subject != null && UNSUBSCRIBE.matcher(subject).find()) {
      return true;
    }
    String firstLine = text.strip().lines().findFirst().orElse("");
    return UNSUBSCRIBE_LINE.matcher(firstLine).matches();
  }

  private record Original(Long deliveryId, String messageId) {
  }

  /** Headers of the returned original; text quoting them is the fallback for text-only bounces. */
  private static Original original(InternetHeaders headers, String quotedText) {
    Long deliveryId = null;
    String messageId = null;
    if (headers != null) {
      deliveryId = number(value(headers, "X-Dripline-Delivery"));
      messageId = messageId(value(headers, "Message-ID"));
    }
    if (deliveryId == null && messageId == null && quotedText != null) {
      Matcher delivery = DELIVERY_LINE.matcher(quotedText);
      deliveryId = delivery.find() ? number(delivery.group(1)) : null;
      Matcher id = MESSAGE_ID_LINE.matcher(quotedText);
      messageId = id.find() ? id.group(1) : null;
    }
    return new Original(deliveryId, messageId);
  }

  private record Draft(MailboxMessage item, String key, Original original, List<String> bounceAddresses) {
    BounceReport report(Kind kind, String recipient, String status, BounceReason reason, String detail) {
      return reportAll(kind, recipient == null ? List.of() : List.of(recipient), status, reason, detail);
    }

    BounceReport reportAll(Kind kind, List<String> recipients, String status, BounceReason reason, String detail) {
      return new BounceReport(item.uid(), key, kind, recipients.isEmpty() ? null : recipients.get(0), status, reason,
          clip(detail, 1000), original.deliveryId(), original.messageId(), item.receivedAt(), false, recipients,
          bounceAddresses);
    }
  }

  static String code(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = ENHANCED_CODE.matcher(text);
    return m.find() ? m.group() : null;
  }

  /** An address field's mail address, or null when it names none (a local name, an X.400 address, {@code <>}). */
  static String mailAddress(String field) {
    String value = address(field);
    if (value == null) {
      return null;
    }
    // an internationalised address (RFC 6533) the pattern does not know is kept as the report gives it
    return FailedRecipients.addresses(value).stream().findFirst()
        .orElse(value.contains("@") && !value.contains(" ") ? value : null);
  }

  private static String value(InternetHeaders headers, String name) {
    String value = headers.getHeader(name, " ");
    return value == null || value.isBlank() ? null : value.replaceAll("\\s+", " ").strip();
  }

  private static String header(MimeMessage message, String name) throws MessagingException {
    String value = message.getHeader(name, " ");
    if (value == null) {
      return null;
    }
    try {
      return jakarta.mail.internet.MimeUtility.decodeText(value).strip();
    } catch (java.io.UnsupportedEncodingException e) {
      return value.strip();
    }
  }

  /** The From address, or null when there is none or it cannot be read. */
  private static String sender(MimeMessage message) {
    try {
      String raw = message.getHeader("From", ",");
      InternetAddress[] addresses = raw == null ? new InternetAddress[0] : InternetAddress.parseHeader(raw, false);
      return addresses.length == 0 || addresses[0].getAddress() == null ? null
          : addresses[0].getAddress().strip().toLowerCase(Locale.ROOT);
    } catch (MessagingException e) {
      return null;
    }
  }

  /** "rfc822; Someone@Example.org" or "<x@y>" -> "someone@example.org". */
  static String address(String field) {
    if (field == null) {
      return null;
    }
    String value = field.contains(";") ? field.substring(field.indexOf(';') + 1) : field;
    value = value.strip().replaceAll("^<|>$", "").strip().toLowerCase(Locale.ROOT);
    return value.isEmpty() ? null : value;
  }

  private static String messageId(String value) {
    if (value == null) {
      return null;
    }
    Matcher m = Pattern.compile("<[^<>\\s]{1,250}>").matcher(value);
    return m.find() ? m.group() : null;
  }

  private static Long number(String value) {
    if (value == null || !value.strip().matches("\\d{1,18}")) {
      return null;
    }
    return Long.parseLong(value.strip());
  }

  static String clip(String text, int max) {
    if (text == null) {
      return null;
    }
    String flat = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
    return flat.length() <= max ? flat : flat.substring(0, max);
  }

  static String sha256(byte[] raw) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
