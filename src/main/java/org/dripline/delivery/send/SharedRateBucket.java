package org.dripline.delivery.send;

import java.time.Clock;

/**
 * One send limit held by all processes on the database: in any second of the epoch, at most
 * {@code perSecond} messages in total. The process takes a small share of a second's messages
 * from {@link RateSlots} at a time (one database round trip per share, not per message) and uses
 * it within that second only, so a share left when the second ends is dropped, never carried over:
 * the limit can be undershot a little, never exceeded. Processes' clocks should agree (NTP): a
 * process whose clock is ahead counts its messages in a later second.
 */
final class SharedRateBucket {

  /** Waits until an instant (milliseconds of the epoch); tests replace it to move a clock instead. */
  interface Pause {
    void until(long epochMillis) throws InterruptedException;
  }

  static final Pause SLEEP = epochMillis -> {
    long wait = epochMillis - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  };

  private final String name;
  private final int perSecond;
  private final int share;
  private final RateSlots slots;
  private final Clock clock;
  private final Pause pause;
  private long shareSecond = Long.MIN_VALUE;
  private int shareLeft;

  SharedRateBucket(String name, int perSecond, RateSlots slots, Clock clock, Pause pause) {
    this.name = name;
    this.perSecond = perSecond;
    // A twentieth of a second's messages per round trip (at most 50): about 20 statements a second
    // per process at full speed, and a share dropped at the end of a second is small.
    this.share = Math.max(1, Math.min(50, perSecond / 20));
    this.slots = slots;
    this.clock = clock;
    this.pause = pause;
  }

  /** Blocks until this limit allows one more message. */
  synchronized void acquire() throws InterruptedException {
    while (true) {
      long second = Math.floorDiv(clock.millis(), 1000);
      if (second == shareSecond && shareLeft > 0) {
        shareLeft--;
        return;
      }
      int granted = slots.take(name, second, share, perSecond);
      if (granted > 0) {
        shareSecond = second;
        shareLeft = granted - 1;
        return;
      }
      pause.until((second + 1) * 1000);
    }
  }
}
