package org.dripline.newsletter;

/**
 * Where a newsletter issue is. SCHEDULED: waits for send_at ({@code serve} starts it). SENDING: the
 * audience is snapshotted and its deliveries planned (no A/B). TESTING: the A/B test share is being
 * sent or its window is running. SENDING_WINNER: the winner is chosen and planned for the rest.
 * SENT: nothing left to plan or send. CANCELLED: stopped; what was not sent never will be.
 */
public enum NewsletterState {
  SCHEDULED, SENDING, TESTING, SENDING_WINNER, SENT, CANCELLED;

  /** Whether sending has started (the snapshot is taken). */
  public boolean started() {
    return this == SENDING || this == TESTING || this == SENDING_WINNER || this == SENT;
  }

  public boolean finished() {
    return this == SENT || this == CANCELLED;
  }
}
