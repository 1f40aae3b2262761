package org.dripline.campaign;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * When a campaign may send, in each subscriber's own time: a due step waits for the next run that
 * falls inside the window in the subscriber's timezone (the campaign's default when they have none).
 * {@code window == null} means any time. {@code runEvery}: how often {@code serve} starts a run
 * (null: only when someone starts one).
 */
public record Schedule(ZoneId defaultZone, Window window, java.time.Duration runEvery) {

  public static final Schedule ANY_TIME = new Schedule(ZoneId.of("UTC"), null, null);

  /** Shortest run interval a campaign may ask for: each run is a job instance kept in the repository. */
  public static final java.time.Duration MIN_RUN_EVERY = java.time.Duration.ofMinutes(1);

  public Schedule(ZoneId defaultZone, Window window) {
    this(defaultZone, window, null);
  }

  /** The slot a scheduled run at {@code now} belongs to: {@code now} rounded down to a multiple of runEvery. */
  public Instant slot(Instant now) {
    long every = runEvery.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), every) * every);
  }

  /** Local days and [from, to) times; DST-correct because it is judged on the local clock. */
  public record Window(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
  }

  public ZoneId zoneFor(String subscriberZone) {
    if (subscriberZone == null || subscriberZone.isBlank()) {
      return defaultZone;
    }
    try {
      return ZoneId.of(subscriberZone);
    } catch (RuntimeException e) {
      return defaultZone;
    }
  }

  public boolean open(Instant at, String subscriberZone) {
    if (window == null) {
      return true;
    }
    ZonedDateTime local = at.atZone(zoneFor(subscriberZone));
    LocalTime time = local.toLocalTime();
    return window.days().contains(local.getDayOfWeek()) && !time.isBefore(window.from()) && time.isBefore(window.to());
  }
}
