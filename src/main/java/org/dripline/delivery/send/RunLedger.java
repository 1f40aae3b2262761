package org.dripline.delivery.send;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.dripline.delivery.DeliveryLedger;

/** The send ledger as one run sees it: claims at the clock's now, eligibility judged at the run's {@code asOf}. */
final class RunLedger implements SendLedger {

  private final DeliveryLedger ledger;
  private final Clock clock;
  private final Instant asOf;

  RunLedger(DeliveryLedger ledger, Clock clock, Instant asOf) {
    this.ledger = ledger;
    this.clock = clock;
    this.asOf = asOf;
  }

  @Override
  public Set<Long> claim(List<Long> ids, String token) {
    return ledger.claim(ids, token, clock.instant(), asOf);
  }

  @Override
  public Unclaimed unclaimed(long id) {
    DeliveryLedger.Ineligible ineligible = ledger.ineligible(id, asOf);
    if (ineligible == null) {
      return Unclaimed.TAKEN;
    }
    if (ineligible.held()) {
      return Unclaimed.HELD;
    }
    return ledger.skip(id, ineligible.reason()) ? Unclaimed.SKIPPED : Unclaimed.TAKEN;
  }

  @Override
  public void markSent(List<DeliveryLedger.Sent> sent) {
    ledger.markSent(sent);
  }

  @Override
  public void releaseUnattempted(Collection<Long> ids, String token, String why) {
    ledger.releaseUnattempted(ids, token, why);
  }

  @Override
  public void release(long id, String error) {
    ledger.release(id, error);
  }

  @Override
  public void defer(long id, String reply, String error, Instant nextAttemptAt) {
    ledger.defer(id, reply, error, nextAttemptAt);
  }

  @Override
  public void fail(long id, String reply, String error) {
    ledger.fail(id, reply, error);
  }

  @Override
  public void note(long id, String error) {
    ledger.note(id, error);
  }
}
