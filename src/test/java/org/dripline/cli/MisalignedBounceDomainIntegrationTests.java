package org.dripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.util.concurrent.TimeUnit;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A bounce domain (VERP) outside the From domain breaks DMARC alignment: the run is refused before it writes anything. */
@SpringBootTest
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MisalignedBounceDomainIntegrationTests {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "misaligned-verp");
    registry.add("dripline.smtp.verp-domain", () -> "bounces.example.net"); // the series sends from dripline.example
  }

  @Autowired
  ApplicationContext context;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void aRunIsRefusedWithOneLineAndExitTwoAndNothingIsWrittenOrSent() {
    // given a subscriber in the audience
    jdbc.update("insert into subscribers (email, status, created_at, updated_at) values"
        + " ('zoe@example.org', 'ACTIVE', current_timestamp, current_timestamp)");

    // when the series is run
    CommandLineIntegrationTests.Result run = CommandLineIntegrationTests.execute(context, "run", "--campaign",
        "working-mom-guilt", "--as-of", "2026-12-01T08:00:00Z");

    // then it is refused with one line naming the setting, the From domain and what to use
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err().strip()).doesNotContain("\n").contains("dripline.smtp.verp-domain bounces.example.net",
        "dripline.example", "DMARC", "use dripline.example or a subdomain of it");
    // and nothing was enrolled, planned or sent
    assertThat(jdbc.queryForObject("select count(*) from enrollments", Long.class)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from deliveries", Long.class)).isZero();
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }
}
