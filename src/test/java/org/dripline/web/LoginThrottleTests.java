package org.dripline.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Console password guessing is locked out per user name and per client, for a window that grows. */
class LoginThrottleTests {

  static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

  final SteppingClock clock = new SteppingClock(T0);
  final LoginThrottle throttle = new LoginThrottle(new WebSettings(new WebSettings.Api(""),
      new WebSettings.Console("ops", "secret", 5, Duration.ofMinutes(1), Duration.ofMinutes(10))), clock);

  @Test
  void fiveWrongPasswordsLockTheUserForAMinuteThenItOpensAgain() {
    // given five wrong passwords
    for (int i = 0; i < 4; i++) {
      throttle.failed("ops", "10.0.0.1");
      assertThat(throttle.retryAfter("ops", "10.0.0.1")).isZero();
    }
    throttle.failed("ops", "10.0.0.1");

    // then the user is locked from any client, and the client for any user, for the window
    assertThat(throttle.retryAfter("ops", "10.0.0.2")).isEqualTo(Duration.ofMinutes(1));
    assertThat(throttle.retryAfter("OPS ", "10.0.0.2")).isEqualTo(Duration.ofMinutes(1));
    assertThat(throttle.retryAfter("other", "10.0.0.1")).isEqualTo(Duration.ofMinutes(1));
    assertThat(throttle.retryAfter("other", "10.0.0.2")).isZero();
    clock.now = T0.plusSeconds(59);
    assertThat(throttle.retryAfter("ops", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
    clock.now = T0.plusSeconds(60);
    assertThat(throttle.retryAfter("ops", "10.0.0.1")).isZero();
  }

  @Test
  void eachFurtherLockoutDoublesUpToTheMaximumAndASuccessClearsIt() {
    Duration[] expected = {Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
        Duration.ofMinutes(10), Duration.ofMinutes(10)};
    for (Duration lock : expected) {
      for (int i = 0; i < 5; i++) {
        throttle.failed("ops", "10.0.0.1");
      }
      assertThat(throttle.retryAfter("ops", "10.0.0.1")).isEqualTo(lock);
      // wrong passwords during the lock neither extend nor count
      throttle.failed("ops", "10.0.0.1");
      assertThat(throttle.retryAfter("ops", "10.0.0.1")).isEqualTo(lock);
      clock.now = clock.now.plus(lock);
    }
    throttle.succeeded("ops", "10.0.0.1");
    for (int i = 0; i < 5; i++) {
      throttle.failed("ops", "10.0.0.1");
    }
    assertThat(throttle.retryAfter("ops", "10.0.0.1")).isEqualTo(Duration.ofMinutes(1));
  }

  static final class SteppingClock extends Clock {
    Instant now;

    SteppingClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
