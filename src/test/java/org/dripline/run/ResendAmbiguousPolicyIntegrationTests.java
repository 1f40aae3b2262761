package org.dripline.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dripline.DriplineApplication;
import org.dripline.delivery.SendSettings;
import org.dripline.infra.UtcTime;
import org.dripline.report.TimelineView;
import org.dripline.report.Timelines;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.ScriptedSmtpServer;
import org.dripline.testing.SubscriberFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Ambiguous rows (claimed, then the process died before the reply was recorded) are sent again
 * only by an explicit decision: with {@code dripline.send.resend-ambiguous-after} set, those
 * claimed longer ago than it go out again at the next run; younger ones, and all of them without
 * the setting, stay named and unsent.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ResendAmbiguousPolicyIntegrationTests {

  static final Instant AS_OF = Instant.parse("2026-12-01T14:00:00Z");

  @Test
  void withThePolicyOnlyAmbiguousRowsOlderThanItAreResent() throws Exception {
    // given a campaign sent to 20 people, three of whose rows a crash left SENDING: two claimed 2 h ago, one 1 min ago
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of());
         ConfigurableApplicationContext app = instance(smtp.port(), "--dripline.send.resend-ambiguous-after=1h")) {
      List<Long> rows = sentThenCrashed(app, smtp);

      // when the next run starts, no flag
      RunSummary next = app.getBean(DripRuns.class).run("working-mom-guilt", AS_OF.plusSeconds(60));

      // then the two old ones were sent again, the young one stays ambiguous and named
      assertThat(next.succeeded()).as(next.failure()).isTrue();
      assertThat(smtp.accepted.get(rows.get(0).toString()).get()).isEqualTo(2);
      assertThat(smtp.accepted.get(rows.get(1).toString()).get()).isEqualTo(2);
      assertThat(smtp.accepted.get(rows.get(2).toString()).get()).isEqualTo(1);
      assertThat(next.ambiguousDeliveries()).containsExactly(rows.get(2));
    }
  }

  @Test
  void withoutThePolicyNoAmbiguousRowIsResent() throws Exception {
    // given the same crash, and no policy (the default)
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of());
         ConfigurableApplicationContext app = instance(smtp.port())) {
      assertThat(app.getBean(SendSettings.class).resendAmbiguousAfter()).isNull();
      List<Long> rows = sentThenCrashed(app, smtp);

      // when the next run starts
      RunSummary next = app.getBean(DripRuns.class).run("working-mom-guilt", AS_OF.plusSeconds(60));

      // then nothing was sent again, and all three are named
      assertThat(next.succeeded()).as(next.failure()).isTrue();
      assertThat(smtp.accepted.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
      assertThat(next.ambiguousDeliveries()).containsExactlyElementsOf(rows);
      // and the subscriber's timeline names the ambiguous delivery as the summary does, on one line
      String email = app.getBean(JdbcTemplate.class).queryForObject(
          "select s.email from deliveries d join subscribers s on s.id = d.subscriber_id where d.id = ?", String.class,
          rows.get(0));
      TimelineView timeline = app.getBean(Timelines.class).timeline("working-mom-guilt", email);
      assertThat(timeline.steps().get(0).status()).isEqualTo("SENDING");
      assertThat(timeline.steps().get(0).detailOnOneLine()).contains("ambiguous delivery " + rows.get(0))
          .contains("--resend-ambiguous").doesNotContain("\n");
    }
  }

  /** 20 welcomes sent, then three rows put back to SENDING as a kill -9 between send and mark leaves them. */
  private static List<Long> sentThenCrashed(ConfigurableApplicationContext app, ScriptedSmtpServer smtp) throws Exception {
    app.getBean(SubscriberImporter.class).importFile(SubscriberFiles.tagged("policy", 20), "test");
    RunSummary first = app.getBean(DripRuns.class).run("working-mom-guilt", AS_OF);
    assertThat(first.sent()).isEqualTo(20);
    JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
    List<Long> rows = jdbc.queryForList("select id from deliveries order by id", Long.class).subList(0, 3);
    Instant now = Instant.now();
    // Test-only SQL: the ledger state of a crash, claims of different ages.
    String crash = "update deliveries set status = 'SENDING', claimed_at = ? where id = ?";
    jdbc.update(crash, UtcTime.toDb(now.minus(Duration.ofHours(2))), rows.get(0));
    jdbc.update(crash, UtcTime.toDb(now.minus(Duration.ofHours(2))), rows.get(1));
    jdbc.update(crash, UtcTime.toDb(now.minus(Duration.ofMinutes(1))), rows.get(2));
    return rows;
  }

  static ConfigurableApplicationContext instance(int port, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of(
        "--spring.datasource.url=jdbc:h2:mem:policy-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + port));
    args.addAll(List.of(more));
    return new SpringApplicationBuilder(DriplineApplication.class).web(WebApplicationType.NONE).profiles("test")
        .run(args.toArray(String[]::new));
  }
}
