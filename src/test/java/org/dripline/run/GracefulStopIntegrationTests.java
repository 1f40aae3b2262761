package org.dripline.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dripline.testing.MariaDbServer;
import org.dripline.testing.ScriptedSmtpServer;
import org.dripline.testing.SubscriberFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGTERM in the middle of a run: the messages in flight finish and are recorded, nothing is left
 * ambiguous, and the next run (no --recover needed) sends exactly the rest.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class GracefulStopIntegrationTests {

  static final int AUDIENCE = 300;

  @Test
  void sigtermLetsInFlightMessagesFinishAndLeavesNothingAmbiguous() throws Exception {
    // given 300 subscribers and a server that takes 20 ms to accept each message
    String url = MariaDbServer.newDatabaseUrl();
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of(), 20)) {
      Path csv = SubscriberFiles.tagged("calm", AUDIENCE);
      assertThat(CrashRecoveryIntegrationTests.child(url, smtp.port(), "import", "--file", csv.toString())
          .waitFor(5, TimeUnit.MINUTES)).isTrue();

      // when a run is sent SIGTERM after 50 messages
      Process run = CrashRecoveryIntegrationTests.child(url, smtp.port(), "run", "--campaign", "working-mom-guilt",
          "--as-of", "2026-12-01T14:00:00Z");
      await("50 messages accepted or the run gone").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(5))
          .until(() -> !run.isAlive() || smtp.accepted.size() >= 50);
      run.destroy();
      assertThat(run.waitFor(90, TimeUnit.SECONDS)).isTrue();

      // then every message the server accepted is recorded SENT, none is ambiguous, and the job ended
      int acceptedBeforeStop = smtp.accepted.size();
      assertThat(acceptedBeforeStop).isBetween(50, AUDIENCE - 1);
      assertThat(CrashRecoveryIntegrationTests.ids(url, "select id from deliveries where status = 'SENT'"))
          .hasSize(acceptedBeforeStop);
      assertThat(CrashRecoveryIntegrationTests.ids(url, "select id from deliveries where status = 'SENDING'")).isEmpty();
      assertThat(CrashRecoveryIntegrationTests.ids(url,
          "select job_execution_id from BATCH_JOB_EXECUTION where status in ('STARTED', 'STOPPING')")).isEmpty();

      // and the same run, started again without --recover, sends exactly the rest
      Process again = CrashRecoveryIntegrationTests.child(url, smtp.port(), "run", "--campaign", "working-mom-guilt",
          "--as-of", "2026-12-01T14:00:00Z");
      assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(again.exitValue()).isZero();
      assertThat(smtp.accepted).hasSize(AUDIENCE);
      assertThat(smtp.accepted.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    }
  }
}
