package org.dripline.delivery.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Send limits held by every process on one database together. Each {@link SharedRateBucket} is
 * what one process holds; two of them on one database are two processes. On H2
 * ({@link SharedRateLimitsIntegrationTests}) and MariaDB ({@link SharedRateLimitsMySqlIntegrationTests}).
 */
@ActiveProfiles("test")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
abstract class SharedRateLimitsScenarios {

  static final long START = Instant.parse("2026-12-02T08:00:00Z").toEpochMilli();

  @Autowired
  NamedParameterJdbcTemplate jdbc;

  /** A clock that moves only when a bucket waits: the test controls time, nothing sleeps. */
  static final class StepClock extends Clock {
    final AtomicLong millis = new AtomicLong(START);

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }

    SharedRateBucket.Pause pause() {
      return until -> millis.accumulateAndGet(until, Math::max);
    }
  }

  @Test
  void twoProcessesOnOneDatabaseSendNoMoreThanTheLimitInAnySecond() throws InterruptedException {
    // given two processes with the same limit of 40 messages a second, on one clock
    RateSlots slots = new RateSlots(jdbc);
    StepClock clock = new StepClock();
    String limit = "global-" + UUID.randomUUID();
    SharedRateBucket first = new SharedRateBucket(limit, 40, slots, clock, clock.pause());
    SharedRateBucket second = new SharedRateBucket(limit, 40, slots, clock, clock.pause());

    // when they send 400 messages between them, taking turns
    Map<Long, Integer> perSecond = new TreeMap<>();
    for (int i = 0; i < 400; i++) {
      (i % 2 == 0 ? first : second).acquire();
      perSecond.merge(clock.millis() / 1000, 1, Integer::sum);
    }

    // then no second has more than 40, so they take at least ten seconds, and both share each second
    assertThat(perSecond.values()).allMatch(count -> count <= 40);
    assertThat(perSecond.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(400);
    assertThat(perSecond).hasSizeGreaterThanOrEqualTo(10);
    assertThat(jdbc.queryForList("select taken from send_rate_slots where bucket = :bucket",
        Map.of("bucket", limit), Integer.class)).allMatch(taken -> taken <= 40);
  }

  @Test
  void manyThreadsTakingAtOnceAreGrantedExactlyTheLimit() throws Exception {
    // given one second of a limit of 100, and eight threads (of two processes) asking 3 at a time
    RateSlots slots = new RateSlots(jdbc);
    String limit = "domain:" + UUID.randomUUID() + ".test";
    long second = START / 1000;
    CyclicBarrier start = new CyclicBarrier(8);
    AtomicInteger granted = new AtomicInteger();

    // when they all take until nothing is left
    List<CompletableFuture<Void>> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      threads.add(CompletableFuture.runAsync(() -> {
        try {
          start.await();
          for (int grant = slots.take(limit, second, 3, 100); grant > 0; grant = slots.take(limit, second, 3, 100)) {
            granted.addAndGet(grant);
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    CompletableFuture.allOf(threads.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);

    // then exactly 100 were granted, and the row says so
    assertThat(granted.get()).isEqualTo(100);
    assertThat(jdbc.queryForObject("select taken from send_rate_slots where bucket = :bucket and slot = :slot",
        Map.of("bucket", limit, "slot", second), Integer.class)).isEqualTo(100);
  }

  @Test
  void secondsAMinuteOldAreDeletedWhenANewSecondStarts() {
    // given a limit used in one second
    RateSlots slots = new RateSlots(jdbc);
    String limit = "global-" + UUID.randomUUID();
    long second = START / 1000;
    assertThat(slots.take(limit, second, 5, 10)).isEqualTo(5);

    // when it is used again more than a minute later
    assertThat(slots.take(limit, second + RateSlots.KEPT_SECONDS + 1, 5, 10)).isEqualTo(5);

    // then only the new second's row is left
    assertThat(jdbc.queryForList("select slot from send_rate_slots where bucket = :bucket", Map.of("bucket", limit),
        Long.class)).containsExactly(second + RateSlots.KEPT_SECONDS + 1);
  }
}
