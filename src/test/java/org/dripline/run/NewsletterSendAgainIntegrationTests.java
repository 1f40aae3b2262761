package org.dripline.run;

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
import org.dripline.newsletter.NewsletterIssues;
import org.dripline.newsletter.NewsletterState;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.NewsletterFixture;
import org.dripline.testing.ScriptedSmtpServer;
import org.dripline.testing.SubscriberFiles;
import org.dripline.testing.TestContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code newsletter send ISSUE} run again after its run stopped, failed or was left running by a
 * dead process continues that very run (the same job instance restarts), rather than starting
 * another at now beside it: {@code jobs} keeps no STOPPED or FAILED run behind, and every reader
 * gets the issue once.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class NewsletterSendAgainIntegrationTests {

  static final int READERS = 300;
  static final String ISSUE = "weekly-again";

  @TempDir
  Path newsletters;

  @Test
  void aStoppedSendIsContinuedBySendingAgainAsTheSameRun() throws Exception {
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of(), 20);
         ConfigurableApplicationContext app = instance(smtp.port())) {
      // given an issue to 300 readers whose send was stopped (`stop ID`) after 40 messages
      NewsletterRuns runs = app.getBean(NewsletterRuns.class);
      RunSummary stopped = sendAndStopAfter40(app, smtp, runs);
      assertThat(stopped.status()).isEqualTo("STOPPED");

      // when the same command runs again (no --as-of)
      RunSummary done = runs.send(ISSUE, RunOptions.NONE, view -> { });

      // then the stopped run's own job instance completed, and everyone got the issue once
      assertThat(done.status()).isEqualTo("COMPLETED");
      assertThat(done.asOf()).isEqualTo(stopped.asOf());
      assertOneInstanceCompletedAfter(app, "STOPPED");
      assertEveryoneGotItOnce(app, smtp);
    }
  }

  @Test
  void aStoppedSendIsContinuedByTheApiStartWithoutAnAsOfAsTheSameRun() throws Exception {
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of(), 20);
         ConfigurableApplicationContext app = instance(smtp.port())) {
      // given an issue whose send was stopped after 40 messages
      NewsletterRuns runs = app.getBean(NewsletterRuns.class);
      RunSummary stopped = sendAndStopAfter40(app, smtp, runs);

      // when the API's send (POST /api/newsletters/{id}/send without an asOf) starts it again
      RunView started = runs.start(ISSUE);
      await("the continued run done").atMost(Duration.ofMinutes(2))
          .until(() -> !Set.of("STARTING", "STARTED", "STOPPING").contains(
              app.getBean(RunControl.class).find(started.id()).orElseThrow().status()));

      // then it continued the stopped run's instance, as the CLI does
      assertThat(started.asOf()).isEqualTo(stopped.asOf());
      assertOneInstanceCompletedAfter(app, "STOPPED");
      assertEveryoneGotItOnce(app, smtp);
    }
  }

  @Test
  void aStoppedAbTestIsContinuedAndOnceItsWindowIsOverTheSameCommandAlsoSendsTheWinner() throws Exception {
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of(), 20);
         ConfigurableApplicationContext app = instance(smtp.port(), """
             ab:
               test_percent: 50
               window: PT2S
               metric: opens
               variants:
                 - { id: a, subject: "Again: A" }
                 - { id: b, subject: "Again: B" }
             """)) {
      // given an A/B issue whose test send (half of 300) was stopped part of the way, and its 2 s window over since
      NewsletterRuns runs = app.getBean(NewsletterRuns.class);
      RunSummary stopped = sendAndStopAfter40(app, smtp, runs);
      assertThat(stopped.status()).isEqualTo("STOPPED");
      NewsletterIssues issues = app.getBean(NewsletterIssues.class);
      Instant windowEnd = issues.find(ISSUE).orElseThrow().testSentAt().plusSeconds(2);
      await("the window over").atMost(Duration.ofMinutes(1)).until(() -> Instant.now().isAfter(windowEnd));

      // when the same command runs again
      RunSummary done = runs.send(ISSUE, RunOptions.NONE, view -> { });

      // then the stopped run finished the test share, and one more run chose the winner and sent it to the rest
      assertThat(done.status()).isEqualTo("COMPLETED");
      assertThat(issues.find(ISSUE).orElseThrow().winner()).isIn("a", "b");
      assertThat(app.getBean(RunControl.class).recent(10)).extracting(RunView::status)
          .containsExactly("COMPLETED", "COMPLETED", "STOPPED");
      assertEveryoneGotItOnce(app, smtp);
    }
  }

  @Test
  void aFailedSendIsContinuedBySendingAgainAsTheSameRun() throws Exception {
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of(), 20);
         ConfigurableApplicationContext app = instance(smtp.port())) {
      // given an issue whose send ended FAILED part of the way (as a mail server going away leaves it)
      NewsletterRuns runs = app.getBean(NewsletterRuns.class);
      RunSummary first = sendAndStopAfter40(app, smtp, runs);
      long failed = app.getBean(RunControl.class).recent(1).get(0).id();
      // Test-only SQL: the end state of a run whose partition failed, without an outage to stage.
      app.getBean(JdbcTemplate.class).update("update batch_job_execution set status = 'FAILED', exit_code = 'FAILED'"
          + " where job_execution_id = ?", failed);

      // when the same command runs again
      RunSummary done = runs.send(ISSUE, RunOptions.NONE, view -> { });

      // then that run's instance restarted and completed: a drip `run` restarts a FAILED (campaign, asOf) alike
      assertThat(done.status()).isEqualTo("COMPLETED");
      assertThat(done.asOf()).isEqualTo(first.asOf());
      assertOneInstanceCompletedAfter(app, "FAILED");
      assertEveryoneGotItOnce(app, smtp);
    }
  }

  @Test
  void aSendLeftRunningIsRefusedWhileItsOwnerBeatsAndTakenOverByTheSameCommandOnceItDoesNot() throws Exception {
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of(), 20);
         ConfigurableApplicationContext app = instance(smtp.port())) {
      // given a send left STARTED as a kill -9 leaves it, its owner on another host beating 3 s ago
      NewsletterRuns runs = app.getBean(NewsletterRuns.class);
      RunControl control = app.getBean(RunControl.class);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      sendAndStopAfter40(app, smtp, runs);
      long dead = control.recent(1).get(0).id();
      RunLeaseIntegrationTests.leftStartedBy(jdbc, dead, Instant.now().minusSeconds(3));

      // when the same command runs, then it is refused naming that owner (not a second run beside it)
      assertThatThrownBy(() -> runs.send(ISSUE, RunOptions.NONE, view -> { }))
          .isInstanceOf(RunRefusedException.class).hasMessageContaining("run " + dead)
          .hasMessageContaining("owner web-2.example.org pid 4242");
      assertThat(control.recent(5)).hasSize(1);

      // when its heartbeat is older than the lease (2 minutes) and the same command runs again
      RunLeaseIntegrationTests.leftStartedBy(jdbc, dead, Instant.now().minus(Duration.ofMinutes(3)));
      RunSummary done = runs.send(ISSUE, RunOptions.NONE, view -> { });

      // then it took that run over and completed it; nobody got the issue twice
      assertThat(done.status()).isEqualTo("COMPLETED");
      assertThat(control.recent(1).get(0).recoveredFrom()).isEqualTo(dead);
      assertOneInstanceCompletedAfter(app, "FAILED");
      assertEveryoneGotItOnce(app, smtp);
    }
  }

  private ConfigurableApplicationContext instance(int smtpPort) {
    return instance(smtpPort, "");
  }

  private ConfigurableApplicationContext instance(int smtpPort, String extra) {
    NewsletterFixture.writeIssue(newsletters, ISSUE, "subject: \"Again\"\nsend_at: \"2030-01-10T09:00:00Z\"\n" + extra);
    ConfigurableApplicationContext app = TestContexts.onH2("nl-again", smtpPort, "--dripline.send.threads=2",
        "--dripline.send.chunk-size=10", "--dripline.newsletters-dir=" + newsletters);
    app.getBean(SubscriberImporter.class).importFile(SubscriberFiles.tagged("again", READERS), "test");
    List<Long> ids = app.getBean(JdbcTemplate.class).queryForList(
        "select id from subscribers where email like 'again%' order by id", Long.class);
    NewsletterFixture.joinAll(app, ids, "stories-weekly");
    return app;
  }

  /** `newsletter send` in the background, stopped by id (as `stop ID`) once 40 messages went out. */
  private static RunSummary sendAndStopAfter40(ConfigurableApplicationContext app, ScriptedSmtpServer smtp,
      NewsletterRuns runs) throws Exception {
    RunControl control = app.getBean(RunControl.class);
    CompletableFuture<RunSummary> send = CompletableFuture.supplyAsync(() -> runs.send(ISSUE, RunOptions.NONE, v -> { }));
    await("40 accepted").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5))
        .until(() -> smtp.accepted.size() >= 40 || send.isDone());
    control.stop(control.recent(1).get(0).id());
    RunSummary summary = send.get(2, TimeUnit.MINUTES);
    assertThat(smtp.accepted.size()).as("stopped part of the way").isBetween(40, READERS - 1);
    return summary;
  }

  /** One job instance of the issue, its first execution ended {@code firstStatus}, its last COMPLETED. */
  private static void assertOneInstanceCompletedAfter(ConfigurableApplicationContext app, String firstStatus) {
    JobRepository repository = app.getBean(JobRepository.class);
    List<JobInstance> instances = repository.getJobInstances(RunControl.NEWSLETTER_JOB, 0, 10);
    assertThat(instances).as("one newsletter run instance, continued, not a second at now").hasSize(1);
    List<JobExecution> executions = repository.getJobExecutions(instances.get(0));
    assertThat(executions).extracting(e -> e.getStatus().name()).containsExactly("COMPLETED", firstStatus);
    assertThat(app.getBean(RunControl.class).recent(10)).extracting(RunView::status)
        .containsExactly("COMPLETED", firstStatus);
  }

  private static void assertEveryoneGotItOnce(ConfigurableApplicationContext app, ScriptedSmtpServer smtp) {
    assertThat(smtp.accepted).hasSize(READERS);
    assertThat(smtp.accepted.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertThat(app.getBean(JdbcTemplate.class).queryForObject(
        "select count(*) from deliveries where campaign_id = ? and status = 'SENT'", Integer.class, ISSUE))
        .isEqualTo(READERS);
    assertThat(app.getBean(NewsletterIssues.class).find(ISSUE).orElseThrow().state()).isEqualTo(NewsletterState.SENT);
  }
}
