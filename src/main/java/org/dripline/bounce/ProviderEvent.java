package org.dripline.bounce;

import java.time.Instant;

/**
 * One bounce or complaint a sending provider reported through its signed webhook, as the
 * provider said it: the facts, not yet a reason. {@link ProviderEvents} classifies it with the
 * very rules the bounce mailbox uses, so a provider's "550 5.1.1 user unknown" and a DSN's are
 * the same {@link BounceReason}.
 *
 * @param provider       "ses", "postmark", "mailgun" or "sendgrid": part of the event's key and of its detail
 * @param eventId        the provider's own id of the event (SNS MessageId, Postmark ID, Mailgun id,
 *                       sg_event_id): a redelivered event is recorded once
 * @param type           a permanent or transient failure, or a complaint
 * @param recipient      the address that bounced or complained
 * @param messageId      the Message-ID header of the original as the provider quotes it, when it does
 * @param statusCode     the RFC 3463 code (5.1.1), when given
 * @param diagnostic     the remote server's words or the provider's description, when given
 * @param providerReason what the provider's own classification says, used when the code and the
 *                       words name no known reason; null when it says nothing useful
 * @param occurredAt     when the provider says it happened (null: now)
 */
public record ProviderEvent(String provider, String eventId, Type type, String recipient, String messageId,
    String statusCode, String diagnostic, BounceReason providerReason, Instant occurredAt) {

  /** What the provider reports. */
  public enum Type {
    /** The provider gave up: hard if the reason condemns the address, else soft. */
    PERMANENT_BOUNCE,
    /** Soft whatever the reason: a delay, a full mailbox, a block for now. */
    TRANSIENT_BOUNCE,
    /** The recipient marked the message as spam. */
    COMPLAINT
  }

  /** What became of one event. */
  public enum Outcome {
    /** Recorded, and the address suppressed (a hard bounce, a complaint, the soft-bounce limit reached). */
    SUPPRESSED,
    /** Recorded; the address keeps getting mail (a soft bounce below the limit). */
    RECORDED,
    /** Recorded before (the provider delivered the event again). */
    ALREADY,
    /** No delivery of ours matches its Message-ID or recipient: not recorded, logged. */
    UNKNOWN_DELIVERY
  }
}
