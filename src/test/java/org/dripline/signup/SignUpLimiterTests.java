package org.dripline.signup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignUpLimiterTests {

  static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

  @Test
  void limitsEachClientAndEachAddressWithinItsWindowOnly() {
    // given limits of 2 mails per address per day and 3 requests per client per hour
    MutableClock clock = new MutableClock(T0);
    SignUpLimiter limiter = new SignUpLimiter(clock, new SignupSettings("stories@example.org", "", "I agree", "v1",
        List.of(), Duration.ofHours(48), 2, Duration.ofHours(24), 3, Duration.ofHours(1)));

    // then the third mail to an address and the fourth request of a client are refused
    assertThat(limiter.addressAllowed("a@example.org")).isTrue();
    assertThat(limiter.addressAllowed("a@example.org")).isTrue();
    assertThat(limiter.addressAllowed("a@example.org")).isFalse();
    assertThat(limiter.addressAllowed("b@example.org")).isTrue();
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.clientAllowed("10.0.0.1")).isTrue();
    }
    assertThat(limiter.clientAllowed("10.0.0.1")).isFalse();
    assertThat(limiter.clientAllowed("10.0.0.2")).isTrue();

    // and once the windows pass, both may go on
    clock.now = T0.plus(Duration.ofHours(1)).plusSeconds(1);
    assertThat(limiter.clientAllowed("10.0.0.1")).isTrue();
    assertThat(limiter.addressAllowed("a@example.org")).isFalse();
    clock.now = T0.plus(Duration.ofHours(24)).plusSeconds(1);
    assertThat(limiter.addressAllowed("a@example.org")).isTrue();
  }

  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
