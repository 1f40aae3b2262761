package org.dripline.bounce;

import java.time.Instant;

/**
 * What one mailbox message means. {@code deliveryId} and {@code originalMessageId} come from the
 * returned original message and are only claims until matched against the ledger.
 *
 * @param recipient   the failed recipient (DSN Final-Recipient, a text bounce's address, an ARF
 *                    report's Original-Rcpt-To) or, for an unsubscribe, the sender
 * @param statusCode  RFC 3463 enhanced status code such as 5.1.1, when one was found
 */
record BounceReport(long uid, String mailboxKey, Kind kind, String recipient, String statusCode, String detail,
    Long deliveryId, String originalMessageId, Instant receivedAt) {

  enum Kind { HARD_BOUNCE, SOFT_BOUNCE, COMPLAINT, UNSUBSCRIBE, IGNORED }

  BounceReport withKind(Kind newKind, String newDetail) {
    return new BounceReport(uid, mailboxKey, newKind, recipient, statusCode, newDetail, deliveryId, originalMessageId,
        receivedAt);
  }
}
