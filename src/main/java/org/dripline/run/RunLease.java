package org.dripline.run;

import java.time.Duration;
import java.time.Instant;

/**
 * The rule that tells a running run's dead owner from a live one, apart from any database: a run
 * whose heartbeat is older than the lease is stale (its process died, or cannot reach the database,
 * which for a run is the same), and the next run may take it over. A run of this very application
 * is judged by what it knows (it is running it), not by the clock.
 */
record RunLease(Duration lease) {

  /** What a running execution's owner looks like from here. */
  enum State {
    /** Heartbeat within the lease, from another process: leave it alone. */
    ALIVE,
    /** No heartbeat yet, but created within the lease: a run starting up (its row comes just after). */
    STARTING,
    /** Running in this very process. */
    RUNNING_HERE,
    /** Heartbeat older than the lease: its owner is gone. */
    STALE,
    /** No heartbeat at all and created longer ago than the lease (e.g. a run from before heartbeats). */
    STALE_WITHOUT_HEARTBEAT
  }

  /**
   * @param state    the verdict
   * @param owner    who owns it (null without a heartbeat row)
   * @param beat     the last heartbeat (null without one)
   * @param age      how old the heartbeat is (or the execution, without one)
   */
  record Verdict(State state, RunOwner owner, Instant beat, Duration age) {

    /** May the next run take it over without an operator? */
    boolean stale() {
      return state == State.STALE || state == State.STALE_WITHOUT_HEARTBEAT;
    }

    /** For people: who has it and how fresh it is. */
    String describe() {
      String seconds = age.toMillis() / 100 / 10.0 + "s";
      return switch (state) {
        case STARTING, STALE_WITHOUT_HEARTBEAT -> "no owner recorded, created " + seconds + " ago";
        case RUNNING_HERE -> "running in this process (" + owner.describe() + ")";
        default -> "owner " + owner.describe() + ", last heartbeat " + beat + " (" + seconds + " ago)";
      };
    }
  }

  /**
   * @param owner        the heartbeat row's owner, null when the run has none
   * @param beat         its last heartbeat, null when none
   * @param created      when the execution was created (judges a run without a heartbeat)
   * @param self         this process (the owner of a run running here that has no row yet)
   * @param runningHere  whether this application is running that execution now: then it is alive
   *                     whatever its heartbeat says (a long GC pause, a database that was out of
   *                     reach). A row of this process that this application is not running is
   *                     judged like any other: two applications may share one JVM (tests do)
   */
  Verdict judge(RunOwner owner, Instant beat, Instant created, Instant now, RunOwner self, boolean runningHere) {
    if (runningHere) {
      return new Verdict(State.RUNNING_HERE, owner == null ? self : owner, beat, age(beat == null ? created : beat, now));
    }
    if (owner == null || beat == null) {
      Duration age = age(created, now);
      return new Verdict(age.compareTo(lease) > 0 ? State.STALE_WITHOUT_HEARTBEAT : State.STARTING, null, null, age);
    }
    Duration age = age(beat, now);
    return new Verdict(age.compareTo(lease) > 0 ? State.STALE : State.ALIVE, owner, beat, age);
  }

  private static Duration age(Instant since, Instant now) {
    if (since == null) {
      return Duration.ZERO;
    }
    Duration age = Duration.between(since, now);
    // Another host's clock ahead of ours makes a fresh beat look from the future: that is fresh, not negative.
    return age.isNegative() ? Duration.ZERO : age;
  }
}
