package org.dripline.delivery.send;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dripline.delivery.DeliveryLedger;
import org.dripline.delivery.GracefulStop;
import org.dripline.delivery.SendFailure;
import org.dripline.delivery.SmtpUnavailableException;
import org.dripline.delivery.mime.ComposedMessage;

/**
 * Claims a small batch of built messages in one commit, then sends each claimed one and records
 * what the server said, as the {@link SmtpFailurePolicy} reads it. SENT marks are written together
 * when the batch ends (however it ends); claimed messages whose turn never came (a stop, a lost
 * server) go back to PLANNED. Only a crash inside a batch leaves its rows SENDING: ambiguous, at
 * most {@code claim-batch} per thread.
 */
final class BatchSender implements AutoCloseable {

  /** A message built for a delivery; {@code email} is the subscriber's address as stored. */
  record Outgoing(DueDelivery delivery, String email, ComposedMessage message) {
  }

  /** Puts an address the server called unusable (a hard bounce) on the suppression list. */
  interface HardBounceSuppression {
    void suppress(String email, String reply);
  }

  private static final String STOPPING = "stopped: the process is shutting down; run again to continue";

  private final SendLedger ledger;
  private final PartitionConnection connection;
  private final SmtpFailurePolicy policy;
  private final SendRateLimits rateLimits;
  private final GracefulStop stop;
  private final HardBounceSuppression suppression;
  private final SendCounts counts;
  private final Clock clock;
  private final Instant asOf;
  private int deferralsInARow;

  BatchSender(SendLedger ledger, PartitionConnection connection, SmtpFailurePolicy policy, SendRateLimits rateLimits,
      GracefulStop stop, HardBounceSuppression suppression, SendCounts counts, Clock clock, Instant asOf) {
    this.ledger = ledger;
    this.connection = connection;
    this.policy = policy;
    this.rateLimits = rateLimits;
    this.stop = stop;
    this.suppression = suppression;
    this.counts = counts;
    this.clock = clock;
    this.asOf = asOf;
  }

  /** {@code token} names this batch's claim and must be unique to it. */
  void send(List<Outgoing> ready, String token) throws SmtpUnavailableException {
    if (ready.isEmpty()) {
      return;
    }
    if (stop.stopping()) {
      throw new SmtpUnavailableException(STOPPING, null);
    }
    Set<Long> claimed = ledger.claim(ready.stream().map(o -> o.delivery().id()).toList(), token);
    if (claimed.size() < ready.size()) {
      ready.stream().filter(o -> !claimed.contains(o.delivery().id())).forEach(o -> notClaimed(o.delivery()));
    }
    if (claimed.isEmpty()) {
      return;
    }
    Set<Long> unattempted = new LinkedHashSet<>(claimed);
    List<DeliveryLedger.Sent> sent = new ArrayList<>(claimed.size());
    stop.messageStarted();
    try {
      for (Outgoing outgoing : ready) {
        if (!claimed.contains(outgoing.delivery().id())) {
          continue;
        }
        if (stop.stopping()) {
          throw new SmtpUnavailableException(STOPPING, null);
        }
        try {
          rateLimits.acquire(outgoing.email());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SmtpUnavailableException("the run was interrupted", e);
        }
        unattempted.remove(outgoing.delivery().id());
        sendOne(outgoing, sent);
      }
    } finally {
      try {
        ledger.markSent(sent);
      } finally {
        ledger.releaseUnattempted(unattempted, token, "not sent: the run stopped before its turn");
        stop.messageFinished();
      }
    }
  }

  private void sendOne(Outgoing outgoing, List<DeliveryLedger.Sent> sent) throws SmtpUnavailableException {
    ComposedMessage message = outgoing.message();
    try {
      String reply = connection.send(message);
      sent.add(new DeliveryLedger.Sent(outgoing.delivery().id(), message.messageId(), reply, clock.instant()));
      counts.sent++;
      deferralsInARow = 0;
    } catch (SendFailure failure) {
      record(outgoing, failure);
    }
  }

  /** A pause holds it (counted deferred), its subscriber is gone (skipped), or another worker has it. */
  private void notClaimed(DueDelivery delivery) {
    switch (ledger.unclaimed(delivery.id())) {
      case HELD -> counts.deferred++;
      case SKIPPED -> counts.skipped++;
      case TAKEN -> {
      }
    }
  }

  private void record(Outgoing outgoing, SendFailure failure) throws SmtpUnavailableException {
    long id = outgoing.delivery().id();
    if (failure.kind() == SendFailure.Kind.REJECTED_TEMPORARILY) {
      deferralsInARow++;
    }
    SmtpFailurePolicy.Verdict verdict = policy.judge(failure, id, outgoing.delivery().attempts(), deferralsInARow, asOf);
    switch (verdict.action()) {
      case DEFER -> {
        ledger.defer(id, verdict.reply(), verdict.error(), verdict.retryAt());
        counts.deferred++;
      }
      case FAIL -> {
        ledger.fail(id, verdict.reply(), verdict.error());
        counts.failed++;
      }
      case RELEASE -> ledger.release(id, verdict.error());
      case LEAVE_SENDING -> {
        ledger.note(id, verdict.error());
        counts.ambiguous++;
      }
    }
    if (verdict.hardBounce()) {
      suppression.suppress(outgoing.email(), verdict.reply());
    }
    // After a failure the server may have reset the session; a fresh connection is the safe state.
    connection.drop();
    if (verdict.stop() != null) {
      throw new SmtpUnavailableException(verdict.stop(), failure);
    }
  }

  @Override
  public void close() {
    connection.close();
  }
}
