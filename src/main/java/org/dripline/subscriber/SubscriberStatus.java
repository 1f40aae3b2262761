package org.dripline.subscriber;

import java.util.List;

/** Only ACTIVE subscribers are enrolled, planned and sent to; the rest are kept for the record. */
public enum SubscriberStatus {
  ACTIVE, UNSUBSCRIBED, BOUNCED, COMPLAINED;

  /**
   * The statuses this one overwrites when mail stops. A stronger signal already recorded is kept:
   * a bounce does not hide an unsubscribe, but a complaint outranks every other reason, since it
   * is the one a mailbox provider holds against the sender.
   */
  public List<SubscriberStatus> replaces() {
    return switch (this) {
      case ACTIVE -> List.of();
      case UNSUBSCRIBED, BOUNCED -> List.of(ACTIVE);
      case COMPLAINED -> List.of(ACTIVE, UNSUBSCRIBED, BOUNCED);
    };
  }
}
