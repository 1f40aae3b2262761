package org.dripline.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dripline.infra.ConflictException;
import org.dripline.infra.UtcTime;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.ScriptedSmtpServer;
import org.dripline.testing.SubscriberFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A run left STARTED by a process that died is taken over by the next run of the same (campaign,
 * asOf) without --recover once its owner's heartbeat is older than the lease; while the heartbeat is
 * fresh, the run and the restart are refused with the owner named.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RunLeaseIntegrationTests {

  static final String CAMPAIGN = "working-mom-guilt";
  static final Instant AS_OF = Instant.parse("2026-12-01T14:00:00Z");

  @Test
  void aRunWhoseOwnerStoppedBeatingIsTakenOverWithoutAFlagAndAFreshOneIsRefusedNamingItsOwner() throws Exception {
    // given 300 subscribers and a run that sent part of them, then was left as a kill -9 leaves it:
    // STARTED, owned by a process on another host
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of(), 20);
         ConfigurableApplicationContext app = RunControlIntegrationTests.instance(smtp.port())) {
      app.getBean(SubscriberImporter.class).importFile(SubscriberFiles.tagged("lease", 300), "test");
      RunControl control = app.getBean(RunControl.class);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      RunView first = control.start(CAMPAIGN, AS_OF);
      await("40 messages accepted").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5))
          .until(() -> smtp.accepted.size() >= 40);
      control.stop(first.id());
      RunControlIntegrationTests.awaitEnd(control, first.id());
      leftStartedBy(jdbc, first.id(), Instant.now().minusSeconds(3));

      // when the same run is asked for while that owner's heartbeat is 3 s old
      // then it is refused, naming the owner and its last heartbeat; so is a restart by id
      assertThatThrownBy(() -> control.start(CAMPAIGN, AS_OF)).isInstanceOf(RunRefusedException.class)
          .hasMessageContaining("run " + first.id()).hasMessageContaining("owner web-2.example.org pid 4242")
          .hasMessageContaining("last heartbeat").hasMessageContaining("dripline.run.lease=PT2M");
      assertThatThrownBy(() -> control.restart(first.id(), false)).isInstanceOf(ConflictException.class)
          .hasMessageContaining("owner web-2.example.org pid 4242");
      assertThat(control.find(first.id()).orElseThrow().status()).isEqualTo("STARTED");

      // when its heartbeat is older than the lease (2 minutes) and the same run is asked for, no flag
      leftStartedBy(jdbc, first.id(), Instant.now().minus(Duration.ofMinutes(3)));
      RunView second = control.start(CAMPAIGN, AS_OF);
      RunView done = RunControlIntegrationTests.awaitEnd(control, second.id());

      // then the run was taken over and completed: every welcome arrived once, and `jobs` tells who ran
      // it, its heartbeat, and which run it recovered
      assertThat(done.status()).isEqualTo("COMPLETED");
      assertThat(smtp.accepted).hasSize(300);
      assertThat(done.recoveredFrom()).isEqualTo(first.id());
      assertThat(done.owner()).isEqualTo(RunOwner.current());
      assertThat(done.heartbeat()).isNotNull();
      RunView dead = control.find(first.id()).orElseThrow();
      assertThat(dead.status()).isEqualTo("FAILED");
      assertThat(dead.owner().host()).isEqualTo("web-2.example.org");
      assertThat(control.recent(5)).extracting(RunView::id).startsWith(second.id());
    }
  }

  @Test
  void aRestartByIdTakesOverARunWhoseOwnerStoppedBeating() throws Exception {
    // given a run left STARTED by a process whose last heartbeat is 3 minutes old
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of(), 20);
         ConfigurableApplicationContext app = RunControlIntegrationTests.instance(smtp.port())) {
      app.getBean(SubscriberImporter.class).importFile(SubscriberFiles.tagged("lease-restart", 100), "test");
      RunControl control = app.getBean(RunControl.class);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      RunView first = control.start(CAMPAIGN, AS_OF);
      await("10 messages accepted").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5))
          .until(() -> smtp.accepted.size() >= 10);
      control.stop(first.id());
      RunControlIntegrationTests.awaitEnd(control, first.id());
      leftStartedBy(jdbc, first.id(), Instant.now().minus(Duration.ofMinutes(3)));

      // when it is restarted by id without --recover
      RunView restarted = control.restart(first.id(), false);
      RunView done = RunControlIntegrationTests.awaitEnd(control, restarted.id());

      // then it was taken over and finished the rest
      assertThat(done.status()).isEqualTo("COMPLETED");
      assertThat(done.recoveredFrom()).isEqualTo(first.id());
      assertThat(smtp.accepted).hasSize(100);
    }
  }

  @Test
  void aScheduledTickRecoversACampaignsDeadRunAndStartsItsSlot() throws Exception {
    // given a scheduling instance whose 14:00 run was left STARTED by a process that stopped beating 3 min ago
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of());
         ConfigurableApplicationContext app = new org.springframework.boot.builder.SpringApplicationBuilder(
             org.dripline.DriplineApplication.class).web(org.springframework.boot.WebApplicationType.NONE)
             .profiles("test").run("--spring.datasource.url=jdbc:h2:mem:lease-tick-" + System.nanoTime()
                 + ";DB_CLOSE_DELAY=-1", "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.port(),
                 "--dripline.schedule.enabled=true", "--dripline.schedule.tick=PT1H")) {
      app.getBean(SubscriberImporter.class).importFile(SubscriberFiles.tagged("tick-early", 20), "test");
      RunControl control = app.getBean(RunControl.class);
      List<Long> first = SchedulerProbe.tick(app, Instant.parse("2026-12-01T14:20:00Z"));
      assertThat(first).hasSize(1);
      RunControlIntegrationTests.awaitEnd(control, first.get(0));
      leftStartedBy(app.getBean(JdbcTemplate.class), first.get(0), Instant.now().minus(Duration.ofMinutes(3)));
      app.getBean(SubscriberImporter.class).importFile(SubscriberFiles.tagged("tick-late", 20), "test");

      // when the 15:00 slot's tick comes
      List<Long> next = SchedulerProbe.tick(app, Instant.parse("2026-12-01T15:05:00Z"));

      // then the dead run was recovered rather than blocking the campaign, and the slot ran
      assertThat(next).hasSize(1);
      RunView done = RunControlIntegrationTests.awaitEnd(control, next.get(0));
      assertThat(done.status()).isEqualTo("COMPLETED");
      assertThat(done.recoveredFrom()).isEqualTo(first.get(0));
      assertThat(control.find(first.get(0)).orElseThrow().status()).isEqualTo("FAILED");
      assertThat(smtp.accepted).hasSize(40);
    }
  }

  /** What a kill -9 leaves: the execution STARTED with no end, its heartbeat row last written at {@code beat}. */
  static void leftStartedBy(JdbcTemplate jdbc, long executionId, Instant beat) {
    // Test-only SQL: Spring Batch's state after a SIGKILL, and another host's heartbeat row.
    jdbc.update("update batch_job_execution set status = 'STARTED', exit_code = 'UNKNOWN', end_time = null"
        + " where job_execution_id = ?", executionId);
    jdbc.update("update run_heartbeats set owner_host = 'web-2.example.org', owner_pid = 4242, heartbeat_at = ?"
        + " where execution_id = ?", UtcTime.toDb(beat), executionId);
  }
}
