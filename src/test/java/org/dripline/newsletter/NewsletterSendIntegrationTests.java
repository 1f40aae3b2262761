package org.dripline.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dripline.infra.ConflictException;
import org.dripline.lists.ListMemberships;
import org.dripline.run.NewsletterRuns;
import org.dripline.run.RunControl;
import org.dripline.run.RunOptions;
import org.dripline.run.RunSummary;
import org.dripline.run.RunView;
import org.dripline.testing.ScriptedSmtpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 16's newsletter done-when on H2 with a real SMTP server: a list of 1,000 with 100 who left
 * it and 50 unsubscribed from everything gets the issue exactly 850 times, once each, across a run
 * stopped mid-send and run again; a later joiner does not get it; a cancel stops it for good.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class NewsletterSendIntegrationTests {

  @TempDir
  Path newsletters;

  @Test
  void exactly850GetTheIssueOnceAcrossAStoppedRunAndItsRerunAndALaterJoinerDoesNot() throws Exception {
    // given the list of 1,000 (100 left it, 50 unsubscribed from everything) and a server at 10 ms a message
    NewsletterScenario.writeIssue(newsletters, "weekly-850", "subject: \"This week\"\nsend_at: \"2030-01-10T09:00:00Z\"\n");
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of(), 10);
         ConfigurableApplicationContext app = NewsletterScenario.instance(smtp.port(), newsletters)) {
      List<Long> ids = NewsletterScenario.audience(app, "nl", 1_000);
      NewsletterScenario.unsubscribeSome(app, ids);
      NewsletterRuns runs = app.getBean(NewsletterRuns.class);
      RunControl control = app.getBean(RunControl.class);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);

      // when it is sent, and the run is stopped after 100 messages
      CompletableFuture<RunSummary> first = CompletableFuture.supplyAsync(
          () -> runs.send("weekly-850", RunOptions.NONE, view -> { }));
      await("100 accepted").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(5))
          .until(() -> smtp.accepted.size() >= 100 || first.isDone());
      RunView running = control.recent(1).get(0);
      control.stop(running.id());
      RunSummary stopped = first.get(3, TimeUnit.MINUTES);
      assertThat(stopped.status()).isEqualTo("STOPPED");
      assertThat(smtp.accepted.size()).isBetween(100, 849);

      // and sent again (the same command)
      RunSummary done = runs.send("weekly-850", RunOptions.NONE, view -> { });

      // then exactly the 850 got it, each once, and the issue is SENT
      assertThat(done.status()).isEqualTo("COMPLETED");
      assertThat(count(jdbc, "select count(*) from newsletter_recipients where issue_id = 'weekly-850'")).isEqualTo(850);
      assertThat(count(jdbc, "select count(*) from deliveries where campaign_id = 'weekly-850' and status = 'SENT'"))
          .isEqualTo(850);
      assertThat(smtp.accepted).hasSize(850);
      assertThat(smtp.accepted.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
      assertThat(app.getBean(NewsletterIssues.class).find("weekly-850").orElseThrow().state())
          .isEqualTo(NewsletterState.SENT);
      assertThat(app.getBean(NewsletterIssues.class).sent()).extracting(NewsletterIssues.SentIssue::id)
          .containsExactly("weekly-850");

      // when someone joins the list afterwards and the issue is sent again
      long joiner = ids.get(0);
      app.getBean(ListMemberships.class).join(joiner, NewsletterScenario.LIST, NewsletterScenario.CONSENT, true,
          Instant.now());
      assertThatThrownBy(() -> runs.send("weekly-850", RunOptions.NONE, view -> { }))
          .isInstanceOf(ConflictException.class).hasMessageContaining("was sent");

      // then the later joiner did not get it
      assertThat(count(jdbc, "select count(*) from deliveries where campaign_id = 'weekly-850' and subscriber_id = "
          + joiner)).isZero();
      assertThat(smtp.accepted).hasSize(850);
    }
  }

  @Test
  void aCancelDuringSendingStopsItForGoodAndNothingIsSentTwice() throws Exception {
    // given 300 on the list and a slow server
    NewsletterScenario.writeIssue(newsletters, "weekly-cancel", "subject: \"Cancel me\"\nsend_at: \"2030-01-10T09:00:00Z\"\n");
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of(), 20);
         ConfigurableApplicationContext app = NewsletterScenario.instance(smtp.port(), newsletters)) {
      NewsletterScenario.audience(app, "cx", 300);
      NewsletterRuns runs = app.getBean(NewsletterRuns.class);
      NewsletterSending sending = app.getBean(NewsletterSending.class);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);

      // when it is sent and cancelled after 30 messages
      CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(
          () -> runs.send("weekly-cancel", RunOptions.NONE, view -> { }));
      await("30 accepted").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5))
          .until(() -> smtp.accepted.size() >= 30 || run.isDone());
      int cancelled = sending.cancel("weekly-cancel", Instant.now());
      run.get(3, TimeUnit.MINUTES);

      // then what was not yet claimed was never sent, nothing twice, and it cannot be sent again
      int sent = count(jdbc, "select count(*) from deliveries where campaign_id = 'weekly-cancel' and status = 'SENT'");
      assertThat(cancelled).isPositive();
      assertThat(sent).isEqualTo(smtp.accepted.size()).isLessThan(300);
      assertThat(count(jdbc, "select count(*) from deliveries where campaign_id = 'weekly-cancel'"
          + " and status in ('PLANNED', 'SENDING')")).isZero();
      assertThat(smtp.accepted.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
      assertThatThrownBy(() -> runs.send("weekly-cancel", RunOptions.NONE, view -> { }))
          .isInstanceOf(ConflictException.class).hasMessageContaining("cancelled");
      assertThat(app.getBean(NewsletterIssues.class).sent()).isEmpty();
    }
  }

  static int count(JdbcTemplate jdbc, String sql) {
    return jdbc.queryForObject(sql, Integer.class);
  }
}
