package org.dripline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.dripline.run.DripRuns;
import org.dripline.run.RunSummary;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * DESIGN invariant 3: what changed between planning and sending wins. Deliveries are planned
 * while the SMTP server is down; then one subscriber unsubscribes, one address is suppressed and
 * one subscriber pauses the series; the restarted run sends only to the fourth.
 */
@SpringBootTest(properties = "dripline.send.threads=1")
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SendTimeEligibilityIntegrationTests {

  static final int PORT = SmtpOutageIntegrationTests.freePort();
  static final Instant AS_OF = Instant.parse("2026-12-01T14:00:00Z");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> PORT);
    registry.add("dripline.send.connect-timeout", () -> "2s");
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:eligibility-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @Autowired
  DripRuns runs;
  @Autowired
  SubscriberImporter importer;
  @Autowired
  JdbcTemplate jdbc;
  @TempDir
  Path tmp;

  @Test
  void checksUnsubscribesSuppressionsAndPausesAtSendTime() throws Exception {
    // given four planned welcomes (the server is down, so the first run plans but cannot send)
    Path csv = tmp.resolve("four.csv");
    Files.writeString(csv, "email,tags\nleft@example.org,working-mom\nsuppressed@example.org,working-mom\n"
        + "paused@example.org,working-mom\nstays@example.org,working-mom\n");
    importer.importFile(csv, "test");
    RunSummary down = runs.run("working-mom-guilt", AS_OF);
    assertThat(down.succeeded()).isFalse();
    assertThat(down.planned()).isEqualTo(4);

    // when one unsubscribes, one is suppressed and one pauses the series for a week
    jdbc.update("update subscribers set status = 'UNSUBSCRIBED' where email = 'left@example.org'");
    jdbc.update("insert into suppressions (email, reason, source, created_at) values"
        + " ('suppressed@example.org', 'HARD_BOUNCE', 'test', current_timestamp)");
    jdbc.update("update enrollments set paused_until = ? where subscriber_id ="
        + " (select id from subscribers where email = 'paused@example.org')",
        java.time.LocalDateTime.parse("2026-12-08T00:00:00"));
    GreenMail server = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    try {
      RunSummary restarted = runs.run("working-mom-guilt", AS_OF);

      // then only the fourth gets the welcome; two are skipped for good, the pause holds one
      assertThat(restarted.succeeded()).as(restarted.failure()).isTrue();
      assertThat(restarted.sent()).isEqualTo(1);
      assertThat(restarted.skipped()).isEqualTo(2);
      assertThat(restarted.deferred()).isEqualTo(1);
      assertThat(server.getReceivedMessages()).hasSize(1);
      assertThat(server.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("stays@example.org");
      assertThat(status("left@example.org")).isEqualTo("SKIPPED");
      assertThat(status("suppressed@example.org")).isEqualTo("SKIPPED");
      assertThat(status("paused@example.org")).isEqualTo("PLANNED");

      // and when the pause is over, the held welcome goes out (with the fourth's week-1)
      RunSummary afterPause = runs.run("working-mom-guilt", Instant.parse("2026-12-08T14:00:00Z"));
      assertThat(afterPause.sent()).isEqualTo(2);
      assertThat(status("paused@example.org")).isEqualTo("SENT");
    } finally {
      server.stop();
    }
  }

  String status(String email) {
    return jdbc.queryForObject("select d.status from deliveries d join subscribers s on s.id = d.subscriber_id"
        + " where s.email = ? and d.step_id = 'welcome'", String.class, email);
  }
}
