package org.dripline.delivery.send;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.dripline.delivery.DeliveryLedger;

/**
 * The ledger writes of one partition's sending, each committed on its own. {@link RunLedger} makes
 * them through {@link DeliveryLedger}; tests use an in-memory ledger.
 */
interface SendLedger {

  /** Why a delivery of the batch was not claimed. */
  enum Unclaimed {
    /** Another worker has it, or it changed since it was read: nothing to do. */
    TAKEN,
    /** A pause holds it: it stays PLANNED. */
    HELD,
    /** Its subscriber or enrollment is gone: SKIPPED for good (this call marked it). */
    SKIPPED
  }

  /** Claims the eligible ones of {@code ids} in one commit and returns those this batch ({@code token}) got. */
  Set<Long> claim(List<Long> ids, String token);

  /** What a delivery this batch did not get means, recording a skip. */
  Unclaimed unclaimed(long id);

  /** Several SENT marks in one commit. */
  void markSent(List<DeliveryLedger.Sent> sent);

  /** Claimed messages of batch {@code token} whose turn never came: back to PLANNED. */
  void releaseUnattempted(Collection<Long> ids, String token, String why);

  /** Not taken by the server (the connection failed before the message was complete): back to PLANNED. */
  void release(long id, String error);

  /** Declined for now (4xx): PLANNED again from {@code nextAttemptAt}. */
  void defer(long id, String reply, String error, Instant nextAttemptAt);

  /** Refused for good (5xx, too many deferrals, or a message that cannot be built): FAILED. */
  void fail(long id, String reply, String error);

  /** Ambiguous: the row stays SENDING; the note tells the operator why. */
  void note(long id, String error);
}
