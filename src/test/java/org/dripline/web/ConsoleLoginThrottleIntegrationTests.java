package org.dripline.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

/** Issue 13: 30 wrong console passwords, then the right one is refused until the lockout has passed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {TestEnvironment.NO_SMTP, "spring.datasource.url=jdbc:h2:mem:login-throttle;DB_CLOSE_DELAY=-1",
        "dripline.console.username=ops", "dripline.console.password={noop}console-secret",
        "dripline.console.max-failures=5", "dripline.console.lockout=PT2M"})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConsoleLoginThrottleIntegrationTests {

  static final LoginThrottleTests.SteppingClock CLOCK = new LoginThrottleTests.SteppingClock(Instant.now());

  @TestConfiguration
  static class SteppedTime {
    @Bean
    @Primary
    Clock steppedClock() {
      return CLOCK;
    }
  }

  @LocalServerPort
  int port;

  @Test
  void thirtyWrongPasswordsLockTheConsoleEvenForTheRightOneUntilTheWindowPasses() throws Exception {
    OpsHttp http = OpsHttp.of(port, "unused");
    Instant start = CLOCK.now;

    // when 30 wrong passwords are tried
    int errors = 0;
    int refused = 0;
    for (int i = 0; i < 30; i++) {
      HttpResponse<String> response = http.logIn("ops", "guess-" + i);
      if (response.statusCode() == 302) {
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("?error"));
        errors++;
      } else {
        assertThat(response.statusCode()).isEqualTo(429);
        refused++;
      }
    }

    // then five were checked and the rest refused; the right password is refused too, with the reason
    assertThat(errors).isEqualTo(5);
    assertThat(refused).isEqualTo(25);
    HttpResponse<String> right = http.logIn("ops", "console-secret");
    assertThat(right.statusCode()).isEqualTo(429);
    assertThat(right.headers().firstValue("Retry-After")).hasValue("120");
    assertThat(right.body()).contains("Too many wrong passwords").contains("even with the right password");
    assertThat(http.getWithout("/console").statusCode()).isEqualTo(302);

    // when the window has passed / then the right password opens the console
    CLOCK.now = start.plusSeconds(119);
    assertThat(http.logIn("ops", "console-secret").statusCode()).isEqualTo(429);
    CLOCK.now = start.plusSeconds(121);
    HttpResponse<String> later = http.logIn("ops", "console-secret");
    assertThat(later.statusCode()).isEqualTo(302);
    assertThat(later.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/console").doesNotContain("login"));
    assertThat(http.getWithout("/console").statusCode()).isEqualTo(200);
  }
}
