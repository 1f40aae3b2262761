package org.dripline.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dripline.run.NewsletterRuns;
import org.dripline.run.RunOptions;
import org.dripline.testing.NewsletterFixture;
import org.dripline.testing.ScriptedSmtpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The A/B phases end to end: the test share gets its variants, nothing more happens inside the
 * window, then the winner, chosen from human opens only (a fixture where machine opens favour the
 * other variant), goes to the rest and only to them; a run repeated in any phase re-tests nobody.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class NewsletterAbIntegrationTests {

  static final Instant T0 = Instant.parse("2029-06-01T10:00:00Z");

  @TempDir
  Path newsletters;

  @Test
  void theRestGetTheWinnerByHumanOpensOnlyAfterTheWindowAndNobodyIsTestedTwice() throws Exception {
    // given 1,000 on the list and an issue testing two subjects on 20% for 4 hours
    NewsletterScenario.writeIssue(newsletters, "weekly-ab", "send_at: \"2030-01-10T09:00:00Z\"\n"
        + NewsletterFixture.abTest(20, 42));
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of(), 0);
         ConfigurableApplicationContext app = NewsletterScenario.instance(smtp.port(), newsletters)) {
      NewsletterScenario.audience(app, "ab", 1_000);
      NewsletterRuns runs = app.getBean(NewsletterRuns.class);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);

      // when it is sent at T0
      runs.send("weekly-ab", T0, RunOptions.NONE, view -> { });

      // then only the test share got it, split over a and b as the seeded assignment says
      Map<String, Long> byVariant = app.getBean(NewsletterSending.class).recipientsByVariant("weekly-ab");
      long a = byVariant.get("a");
      long b = byVariant.get("b");
      long rest = byVariant.get(null);
      assertThat(a + b + rest).isEqualTo(1_000);
      assertThat(a + b).isBetween(150L, 250L);
      assertThat(sent(jdbc, "a")).isEqualTo(a);
      assertThat(sent(jdbc, "b")).isEqualTo(b);
      var assignment = NewsletterSending.assignment(app.getBean(org.dripline.campaign.CampaignCatalog.class)
          .load("weekly-ab"));
      jdbc.query("select subscriber_id, variant from newsletter_recipients where issue_id = 'weekly-ab'", rs -> {
        assertThat(assignment.assign(rs.getLong(1)).orElse(null)).isEqualTo(rs.getString(2));
      });

      // when a fixture of opens arrives: b has human opens, a has more opens but all by machines
      jdbc.update("""
          insert into events (delivery_id, type, occurred_at, machine, machine_reason, user_agent_class)
          select id, 'OPEN', ?, true, 'proxy', 'proxy' from deliveries where campaign_id = 'weekly-ab' and step_id = 'a'
          """, java.sql.Timestamp.valueOf("2029-06-01 10:30:00"));
      jdbc.update("""
          insert into events (delivery_id, type, occurred_at, machine, machine_reason, user_agent_class)
          select id, 'OPEN', ?, false, null, 'browser' from deliveries
           where campaign_id = 'weekly-ab' and step_id = 'b' and mod(subscriber_id, 4) = 0
          """, java.sql.Timestamp.valueOf("2029-06-01 10:30:00"));

      // and the issue runs again inside the window
      runs.send("weekly-ab", T0.plusSeconds(3_600), RunOptions.NONE, view -> { });

      // then no winner yet and nothing more sent
      assertThat(issue(app).winner()).isNull();
      assertThat(smtp.accepted).hasSize((int) (a + b));

      // when it runs after the window (and once more: refused, the issue went out)
      runs.send("weekly-ab", T0.plusSeconds(5 * 3_600), RunOptions.NONE, view -> { });
      assertThatThrownBy(() -> runs.send("weekly-ab", T0.plusSeconds(6 * 3_600), RunOptions.NONE, view -> { }))
          .isInstanceOf(org.dripline.infra.ConflictException.class);

      // then b won on human opens, recorded once, and the rest got b only, each person one message
      NewsletterIssues.Issue done = issue(app);
      assertThat(done.winner()).isEqualTo("b");
      assertThat(done.winnerAt()).isEqualTo(T0.plusSeconds(5 * 3_600));
      assertThat(done.state()).isEqualTo(NewsletterState.SENT);
      assertThat(sent(jdbc, "a")).isEqualTo(a);
      assertThat(sent(jdbc, "b")).isEqualTo(b + rest);
      assertThat(jdbc.queryForObject("""
          select count(*) from deliveries d join newsletter_recipients r
            on r.issue_id = d.campaign_id and r.subscriber_id = d.subscriber_id
           where d.campaign_id = 'weekly-ab' and r.variant is null and d.step_id <> 'b'""", Long.class)).isZero();
      assertThat(jdbc.queryForObject("""
          select count(*) from (select subscriber_id from deliveries where campaign_id = 'weekly-ab'
           group by subscriber_id having count(*) > 1) twice""", Long.class)).isZero();
      assertThat(smtp.accepted).hasSize(1_000);
      assertThat(smtp.accepted.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }
  }

  private static long sent(JdbcTemplate jdbc, String step) {
    return jdbc.queryForObject("select count(*) from deliveries where campaign_id = 'weekly-ab' and step_id = ?"
        + " and status = 'SENT'", Long.class, step);
  }

  private static NewsletterIssues.Issue issue(ConfigurableApplicationContext app) {
    return app.getBean(NewsletterIssues.class).find("weekly-ab").orElseThrow();
  }

}
