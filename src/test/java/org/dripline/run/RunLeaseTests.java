package org.dripline.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The lease policy that tells a running run's dead owner from a live one. */
class RunLeaseTests {

  static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
  static final RunLease LEASE = new RunLease(Duration.ofMinutes(2));
  static final RunOwner SELF = new RunOwner("this-host", 100, Instant.parse("2026-12-01T07:00:00Z"));
  static final RunOwner OTHER = new RunOwner("web-2", 4242, Instant.parse("2026-12-01T06:00:00Z"));

  @Test
  void aRunWhoseHeartbeatIsWithinTheLeaseIsAliveAndNamesItsOwner() {
    // given another process's run that beat 30 s ago
    RunLease.Verdict verdict = LEASE.judge(OTHER, NOW.minusSeconds(30), NOW.minusSeconds(600), NOW, SELF, false);

    // then it is alive, and the refusal names the host, pid, process start and last heartbeat
    assertThat(verdict.state()).isEqualTo(RunLease.State.ALIVE);
    assertThat(verdict.stale()).isFalse();
    assertThat(verdict.describe()).contains("web-2 pid 4242", "process started 2026-12-01T06:00:00Z",
        "last heartbeat 2026-12-01T07:59:30Z", "30.0s ago");
  }

  @Test
  void aRunWhoseHeartbeatIsOlderThanTheLeaseIsStale() {
    // given another process's run that last beat 2 min 1 s ago
    RunLease.Verdict verdict = LEASE.judge(OTHER, NOW.minusSeconds(121), NOW.minusSeconds(600), NOW, SELF, false);

    // then its owner counts as dead, and how stale it is is said
    assertThat(verdict.state()).isEqualTo(RunLease.State.STALE);
    assertThat(verdict.stale()).isTrue();
    assertThat(verdict.age()).isEqualTo(Duration.ofSeconds(121));
    assertThat(verdict.describe()).contains("121.0s ago");
  }

  @Test
  void aHeartbeatExactlyAsOldAsTheLeaseIsStillAlive() {
    // when the beat is exactly one lease old
    RunLease.Verdict verdict = LEASE.judge(OTHER, NOW.minus(Duration.ofMinutes(2)), NOW.minusSeconds(600), NOW, SELF,
        false);

    // then it is not yet stale: only older than the lease is
    assertThat(verdict.state()).isEqualTo(RunLease.State.ALIVE);
  }

  @Test
  void aRunWithoutAHeartbeatIsStartingWhileYoungAndStaleOnceOlderThanTheLease() {
    // given a running execution with no heartbeat row: one just created, one from long ago (before heartbeats)
    RunLease.Verdict young = LEASE.judge(null, null, NOW.minusSeconds(5), NOW, SELF, false);
    RunLease.Verdict old = LEASE.judge(null, null, NOW.minus(Duration.ofHours(3)), NOW, SELF, false);

    // then the young one is left to start, the old one may be taken over
    assertThat(young.state()).isEqualTo(RunLease.State.STARTING);
    assertThat(young.stale()).isFalse();
    assertThat(young.describe()).contains("no owner recorded", "5.0s ago");
    assertThat(old.state()).isEqualTo(RunLease.State.STALE_WITHOUT_HEARTBEAT);
    assertThat(old.stale()).isTrue();
  }

  @Test
  void aRunOfThisProcessIsNeverStaleWhileThisProcessRunsIt() {
    // given a run this application is running, whose heartbeat is old (a long GC pause, a database that was away)
    RunLease.Verdict verdict = LEASE.judge(SELF, NOW.minus(Duration.ofHours(1)), NOW.minus(Duration.ofHours(1)), NOW,
        SELF, true);

    // then it is running here: never taken over, and said so
    assertThat(verdict.state()).isEqualTo(RunLease.State.RUNNING_HERE);
    assertThat(verdict.stale()).isFalse();
    assertThat(verdict.describe()).contains("running in this process", "this-host pid 100");
  }

  @Test
  void aRowOfThisProcessThatThisApplicationDoesNotRunIsJudgedByItsHeartbeat() {
    // given a row naming this very process but a run this application is not running (another app in this JVM)
    RunLease.Verdict fresh = LEASE.judge(SELF, NOW.minusSeconds(1), NOW.minusSeconds(600), NOW, SELF, false);
    RunLease.Verdict stale = LEASE.judge(SELF, NOW.minusSeconds(600), NOW.minusSeconds(600), NOW, SELF, false);

    // then its heartbeat decides, as for any other owner
    assertThat(fresh.state()).isEqualTo(RunLease.State.ALIVE);
    assertThat(stale.state()).isEqualTo(RunLease.State.STALE);
  }

  @Test
  void aHeartbeatFromAClockAheadOfOursIsFresh() {
    // when another host's clock is 10 s ahead
    RunLease.Verdict verdict = LEASE.judge(OTHER, NOW.plusSeconds(10), NOW.minusSeconds(600), NOW, SELF, false);

    // then the beat counts as just now
    assertThat(verdict.state()).isEqualTo(RunLease.State.ALIVE);
    assertThat(verdict.age()).isEqualTo(Duration.ZERO);
  }

  @Test
  void theHeartbeatComesEveryQuarterLeaseBetweenATenthOfASecondAndFiveSeconds() {
    // then a short lease (tests) beats often enough, the default every 5 s
    assertThat(new RunSettings(Duration.ofSeconds(2)).heartbeatEvery()).isEqualTo(Duration.ofMillis(500));
    assertThat(new RunSettings(Duration.ofMinutes(2)).heartbeatEvery()).isEqualTo(Duration.ofSeconds(5));
    assertThat(new RunSettings(Duration.ofMillis(200)).heartbeatEvery()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void aLeaseThatIsNotPositiveIsRefusedNamingTheKey() {
    // then zero and negative leases stop the start with the key's name
    assertThatThrownBy(() -> new RunSettings(Duration.ZERO)).hasMessageContaining("dripline.run.lease");
    assertThatThrownBy(() -> new RunSettings(Duration.ofSeconds(-1))).hasMessageContaining("dripline.run.lease");
  }
}
