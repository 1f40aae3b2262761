package org.dripline.delivery.send;

import java.time.Duration;
import java.time.Instant;
import org.dripline.delivery.SendFailure;
import org.dripline.delivery.SendSettings;

/**
 * What each SMTP outcome means for the ledger and the run; no state and no I/O. A message the
 * server answered 250 is SENT. Otherwise, by {@link SendFailure.Kind}:
 * <ul>
 * <li>4xx (declined for now): deferred with a doubling backoff from the run's {@code asOf}; after
 *     {@code max-attempts} it is FAILED; {@code max-consecutive-deferrals} in a row stop the run;</li>
 * <li>5xx (refused): FAILED, and the address suppressed when the reply says it does not work;</li>
 * <li>a connection that failed before the message was complete: reconnect with a doubling wait, a
 *     few times; then the message goes back to PLANNED (the server never saw it) and the run stops;</li>
 * <li>a connection lost after the end of the data, before the reply: the message may have arrived.
 *     It is left SENDING (ambiguous, never re-sent automatically) and the run stops.</li>
 * </ul>
 */
final class SmtpFailurePolicy {

  /** What the ledger records for a failed attempt. */
  enum Action {
    DEFER, FAIL, RELEASE, LEAVE_SENDING
  }

  /**
   * @param reply      the server's reply to record, or null
   * @param error      the ledger's {@code last_error}
   * @param retryAt    when a deferred message may go again (DEFER only)
   * @param hardBounce the recipient's address is to be suppressed
   * @param stop       why the run stops after this message is recorded, or null when it goes on
   */
  record Verdict(Action action, String reply, String error, Instant retryAt, boolean hardBounce, String stop) {
  }

  private final SendSettings settings;

  SmtpFailurePolicy(SendSettings settings) {
    this.settings = settings;
  }

  /**
   * The wait before reconnecting after the {@code failures + 1}-th failure in a row to get a message
   * onto a connection, or null when it is not to be retried on a new connection (not a connection
   * failure, or the reconnect attempts are used up).
   */
  Duration reconnectDelay(SendFailure failure, int failures) {
    if (failure.kind() != SendFailure.Kind.NOT_SENT || failures + 1 >= settings.reconnectAttempts()) {
      return null;
    }
    return settings.reconnectDelay().multipliedBy(1L << Math.min(failures, 10));
  }

  /**
   * @param deliveryId       the delivery, named in the reason when the run stops on it
   * @param previousAttempts the delivery's attempts before this one
   * @param deferralsInARow  4xx replies in a row on this partition, this one included when it is one
   * @param asOf             the run's date, from which a backoff counts
   */
  Verdict judge(SendFailure failure, long deliveryId, int previousAttempts, int deferralsInARow, Instant asOf) {
    String reply = failure.reply();
    String message = failure.getMessage();
    return switch (failure.kind()) {
      case REJECTED_TEMPORARILY -> {
        int attempt = previousAttempts + 1;
        String stop = deferralsInARow < settings.maxConsecutiveDeferrals() ? null
            : "the SMTP server deferred " + deferralsInARow + " messages in a row (last: " + reply
                + "); the run stops here, run it again later";
        yield attempt >= settings.maxAttempts()
            ? new Verdict(Action.FAIL, reply, "gave up after " + attempt + " attempts: " + message, null, false, stop)
            : new Verdict(Action.DEFER, reply, message, asOf.plus(settings.retryAfter(attempt)), false, stop);
      }
      case REJECTED_PERMANENTLY ->
          new Verdict(Action.FAIL, reply, message, null, HardBounces.isAddressFailure(reply), null);
      case NOT_SENT -> new Verdict(Action.RELEASE, null, message, null, false, message);
      case AMBIGUOUS -> new Verdict(Action.LEAVE_SENDING, null, "ambiguous: " + message, null, false, message
          + " (delivery " + deliveryId + " is left SENDING: it may have arrived, and is not re-sent automatically)");
    };
  }
}
