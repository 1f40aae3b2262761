package org.dripline.delivery.send;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/** What one partition did, kept in its step execution context so run summaries can add them up. */
public final class SendCounts {

  public static final String[] KEYS = {"sent", "failed", "deferred", "skipped", "ambiguous"};

  long sent;
  long failed;
  long deferred;
  long skipped;
  long ambiguous;

  void writeTo(ExecutionContext context) {
    context.putLong("sent", sent);
    context.putLong("failed", failed);
    context.putLong("deferred", deferred);
    context.putLong("skipped", skipped);
    context.putLong("ambiguous", ambiguous);
  }
}
