package org.dripline.run;

import java.time.Instant;
import java.util.List;

/** What one `run` did, for people (one line) and for tests. */
public record RunSummary(String campaignId, Instant asOf, String status, long enrolled, long planned, long sent,
    long failed, long deferred, long skipped, long ambiguous, List<Long> ambiguousDeliveries, String failure) {

  public boolean succeeded() {
    return "COMPLETED".equals(status);
  }

  public String line() {
    return "campaign=" + campaignId + " asOf=" + asOf + " status=" + status + " enrolled=" + enrolled
        + " planned=" + planned + " sent=" + sent + " failed=" + failed + " deferred=" + deferred
        + " skipped=" + skipped + " ambiguous=" + ambiguous;
  }
}
