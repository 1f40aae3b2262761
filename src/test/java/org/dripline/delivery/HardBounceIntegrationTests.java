package org.dripline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.dripline.run.DripRuns;
import org.dripline.run.RunSummary;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.ScriptedSmtpServer;
import org.dripline.testing.SubscriberFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * DESIGN invariant 4: a server refusing 2% of recipients with 550 5.1.1. Those are failed and
 * suppressed (hard bounces), the other 98% are delivered, and the run completes.
 */
@SpringBootTest
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HardBounceIntegrationTests {

  static final int AUDIENCE = 200;
  static final Set<String> UNKNOWN = new HashSet<>();
  static final ScriptedSmtpServer SERVER = server();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", SERVER::port);
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:bounce-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @Autowired
  DripRuns runs;
  @Autowired
  SubscriberImporter importer;
  @Autowired
  JdbcTemplate jdbc;

  @AfterAll
  static void stop() throws Exception {
    SERVER.close();
  }

  @Test
  void suppressesRecipientsTheServerDoesNotKnowAndDeliversTheRest() throws Exception {
    // given 200 subscribers, 4 of whom the server does not know
    importer.importFile(SubscriberFiles.tagged("hb", AUDIENCE), "test");

    // when the welcome is sent, and a week later week 1
    RunSummary welcome = runs.run("working-mom-guilt", Instant.parse("2026-12-01T14:00:00Z"));
    RunSummary week1 = runs.run("working-mom-guilt", Instant.parse("2026-12-08T14:00:00Z"));

    // then the run completed, 4 failed and were suppressed, and nobody suppressed is tried again
    assertThat(welcome.succeeded()).as(welcome.failure()).isTrue();
    assertThat(welcome.failed()).isEqualTo(UNKNOWN.size());
    assertThat(welcome.sent()).isEqualTo(AUDIENCE - UNKNOWN.size());
    assertThat(jdbc.queryForList("select email from suppressions where reason = 'HARD_BOUNCE'", String.class))
        .containsExactlyInAnyOrderElementsOf(UNKNOWN);
    assertThat(week1.sent()).isEqualTo(AUDIENCE - UNKNOWN.size());
    assertThat(jdbc.queryForObject("select count(*) from deliveries d join subscribers s on s.id = d.subscriber_id"
        + " where d.step_id = 'week-1' and s.email in ('hb0@example.org', 'hb50@example.org')", Long.class)).isZero();
    assertThat(SERVER.accepted).hasSize(2 * (AUDIENCE - UNKNOWN.size()));
  }

  static ScriptedSmtpServer server() {
    for (int i = 0; i < AUDIENCE; i += 50) {
      UNKNOWN.add("hb" + i + "@example.org");
    }
    try {
      return new ScriptedSmtpServer(UNKNOWN);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
