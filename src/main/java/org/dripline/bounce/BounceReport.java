package org.dripline.bounce;

import java.time.Instant;
import java.util.List;

/**
 * What one mailbox message means. {@code deliveryId} and {@code originalMessageId} come from the
 * returned original message and are only claims until matched against the ledger.
 *
 * @param recipient   the failed recipient (DSN Final-Recipient, a text bounce's address, an ARF
 *                    report's Original-Rcpt-To) or, for an unsubscribe, the sender
 * @param statusCode  RFC 3463 enhanced status code such as 5.1.1, when one was found
 * @param reason      why it bounced, for hard and soft bounces only
 * @param unreadable  the message could not be read or parsed: recorded IGNORED and moved to the
 *                    folder for humans instead of the processed one
 * @param recipients  every address the report names as its recipient, {@code recipient} first: a
 *                    complaint can name several (Original-Rcpt-To lists, a To: with many addresses)
 * @param bounceAddresses the addresses of the form {@code bounces+…@…} (VERP) the message itself was
 *                    sent to (To, Delivered-To, X-Original-To, envelope recipient headers): claims
 *                    until their signature verifies ({@link DeliveryMatcher})
 * @param requestSubject for an unsubscribe request, its subject: the mailto link of List-Unsubscribe
 *                    puts the delivery's signed token there, which says what to leave (a claim until
 *                    it verifies); null for everything else
 */
record BounceReport(long uid, String mailboxKey, Kind kind, String recipient, String statusCode, BounceReason reason,
    String detail, Long deliveryId, String originalMessageId, Instant receivedAt, boolean unreadable,
    List<String> recipients, List<String> bounceAddresses, String requestSubject) {

  BounceReport {
    recipients = recipients != null ? List.copyOf(recipients) : recipient == null ? List.of() : List.of(recipient);
    bounceAddresses = bounceAddresses == null ? List.of() : List.copyOf(bounceAddresses);
  }

  BounceReport(long uid, String mailboxKey, Kind kind, String recipient, String statusCode, BounceReason reason,
      String detail, Long deliveryId, String originalMessageId, Instant receivedAt, boolean unreadable,
      List<String> recipients, List<String> bounceAddresses) {
    this(uid, mailboxKey, kind, recipient, statusCode, reason, detail, deliveryId, originalMessageId, receivedAt,
        unreadable, recipients, bounceAddresses, null);
  }

  BounceReport(long uid, String mailboxKey, Kind kind, String recipient, String statusCode, BounceReason reason,
      String detail, Long deliveryId, String originalMessageId, Instant receivedAt, boolean unreadable,
      List<String> recipients) {
    this(uid, mailboxKey, kind, recipient, statusCode, reason, detail, deliveryId, originalMessageId, receivedAt,
        unreadable, recipients, null);
  }

  BounceReport(long uid, String mailboxKey, Kind kind, String recipient, String statusCode, BounceReason reason,
      String detail, Long deliveryId, String originalMessageId, Instant receivedAt, boolean unreadable) {
    this(uid, mailboxKey, kind, recipient, statusCode, reason, detail, deliveryId, originalMessageId, receivedAt,
        unreadable, null);
  }

  /** A message that could not be read or parsed, with what went wrong. */
  static BounceReport unreadable(long uid, String mailboxKey, String what, Instant receivedAt) {
    return new BounceReport(uid, mailboxKey, Kind.IGNORED, null, null, null,
        BounceParser.clip("unreadable message: " + what, 1000), null, null, receivedAt, true);
  }

  enum Kind { HARD_BOUNCE, SOFT_BOUNCE, COMPLAINT, UNSUBSCRIBE, IGNORED }

  BounceReport withKind(Kind newKind, String newDetail) {
    return new BounceReport(uid, mailboxKey, newKind, recipient, statusCode, reason, newDetail, deliveryId,
        originalMessageId, receivedAt, unreadable, recipients, bounceAddresses, requestSubject);
  }

  /** This unsubscribe request, with the subject that may name its delivery. */
  BounceReport withRequestSubject(String subject) {
    return new BounceReport(uid, mailboxKey, kind, recipient, statusCode, reason, detail, deliveryId,
        originalMessageId, receivedAt, unreadable, recipients, bounceAddresses, subject);
  }
}
