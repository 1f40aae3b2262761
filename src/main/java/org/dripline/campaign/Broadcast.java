package org.dripline.campaign;

import java.util.List;

/**
 * What makes a campaign a newsletter issue (a broadcast, {@code newsletters/<id>.yaml}): sent once
 * to a snapshot of its lists' members, not to whoever matches over time. Its steps are its variants:
 * one step {@code issue} without A/B, steps {@code a}, {@code b} (…) with one.
 *
 * @param lists       the list ids whose subscribed members get the issue (at least one)
 * @param sendAt      when it goes out
 * @param archive     whether the public archive shows it
 * @param lateJoiners whether someone who joins after sending started still gets it
 * @param abTest      the A/B test, or null for none
 */
public record Broadcast(List<String> lists, SendAt sendAt, boolean archive, boolean lateJoiners, AbTest abTest) {

  public Broadcast {
    lists = List.copyOf(lists);
  }

  /** Exactly one of instant / localTime is set; localTime = sent at that wall-clock time in each subscriber's timezone. */
  public record SendAt(java.time.Instant instant, java.time.LocalDateTime localTime, java.time.ZoneId fallbackZone) {

    /** The earliest moment anyone gets it: the instant, or the local time in the easternmost zone (UTC+14). */
    public java.time.Instant earliest() {
      return instant != null ? instant : localTime.toInstant(java.time.ZoneOffset.ofHours(14));
    }

    /** When a subscriber in {@code zone} (null: the fallback zone) gets it. */
    public java.time.Instant forZone(java.time.ZoneId zone) {
      return instant != null ? instant : localTime.atZone(zone == null ? fallbackZone : zone).toInstant();
    }
  }

  /** Null abTest = no A/B. testPercent 1..50 (share of the audience in the test, split evenly over variants). */
  public record AbTest(int testPercent, java.time.Duration window, Metric metric, long seed) {
    public enum Metric { OPENS, CLICKS }
  }

  /** The first list: the one the List-Id header names. */
  public String firstList() {
    return lists.get(0);
  }
}
