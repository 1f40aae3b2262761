package org.dripline.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dripline.testing.ChildJvm;
import org.dripline.testing.DataDirH2;
import org.dripline.testing.ScriptedSmtpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's done-when with real processes on the embedded default: a `run` killed with SIGKILL
 * while it sends, then the very same `run` command, with no --recover and a short lease: once the
 * dead run's heartbeat is older than the lease, the command takes it over and completes. Until
 * then it is refused naming the owner. The crash's ambiguous rows stay named (summary, report),
 * not re-sent, and `jobs` shows the recovery.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class SelfHealingRunH2IntegrationTests {

  static final int AUDIENCE = 1_000;
  static final String AS_OF = "2026-12-01T14:00:00Z";

  @TempDir
  Path dataDir;

  @Test
  void aRunKilledWithSigkillIsTakenOverByTheSameCommandWithNoFlagOnceItsLeaseRanOut() throws Exception {
    // given 1,000 subscribers and an SMTP server taking 20 ms per message (so a kill lands mid-batch)
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of(), 20)) {
      Path csv = Files.createTempFile("heal", ".csv");
      StringBuilder rows = new StringBuilder("email,first_name,tags\n");
      for (int i = 0; i < AUDIENCE; i++) {
        rows.append("heal").append(i).append("@example.org,Reader ").append(i).append(",working-mom\n");
      }
      Files.writeString(csv, rows);
      assertThat(child(smtp.port(), "import", "--file", csv.toString()).finish().exitCode()).isZero();

      // when a run is killed with SIGKILL while it sends
      String[] run = {"run", "--campaign", "working-mom-guilt", "--as-of", AS_OF};
      ChildJvm.Started killed = child(smtp.port(), run);
      // 105, not a multiple of the claim batch (10): the kill lands with half a batch claimed and
      // unsent, not in the instant between a batch's SENT mark and the next claim
      assertThat(killed.sigkillOnce("105 messages accepted", () -> smtp.accepted.size() >= 105))
          .as("the run was still sending at the kill point").isTrue();

      // and the same command is run again, with no flag, until it is no longer refused (deadline 5 min)
      ChildJvm.Retries retries = ChildJvm.untilExitZero(Duration.ofMinutes(5), () -> child(smtp.port(), run).finish());
      List<ChildJvm.Result> refused = retries.refused();
      ChildJvm.Result healed = retries.completed();

      // then it completed, having taken over the dead run; any refusal before named the owner
      assertThat(healed).as("the same run command completed; refusals: %s", refused).isNotNull();
      assertThat(healed.out()).contains("status=COMPLETED");
      for (ChildJvm.Result refusal : refused) {
        assertThat(refusal.exitCode()).as(refusal.out()).isEqualTo(2);
        assertThat(refusal.out()).contains("is already running", "pid ", "last heartbeat");
      }
      List<Long> ambiguous = ids("select id from deliveries where status = 'SENDING' order by id");
      List<Long> sent = ids("select id from deliveries where status = 'SENT'");
      System.out.printf("self-healing run: %d refusals before the lease ran out, %d ambiguous, %d sent%n",
          refused.size(), ambiguous.size(), sent.size());
      // and nothing was lost: every delivery is sent or named ambiguous (never re-sent on its own)
      assertThat(ids("select id from deliveries where step_id = 'welcome'")).hasSize(AUDIENCE);
      assertThat(sent.size() + ambiguous.size()).isEqualTo(AUDIENCE);
      assertThat(smtp.accepted.keySet()).containsAll(sent.stream().map(String::valueOf).toList());
      assertThat(ambiguous).as("a kill in the middle of a 20 ms-per-message batch leaves its claims ambiguous")
          .isNotEmpty();
      assertThat(healed.out()).contains("ambiguous deliveries", ambiguous.get(0).toString())
          .contains("ambiguous=" + ambiguous.size());
      // and the report counts them, and jobs shows the recovery
      ChildJvm.Result report =
          child(smtp.port(), "report", "--campaign", "working-mom-guilt", "--format", "csv").finish();
      assertThat(report.out()).containsPattern("step,\"?welcome\"?," + sent.size() + ",0,0,0," + ambiguous.size() + ",");
      ChildJvm.Result jobs = child(smtp.port(), "jobs").finish();
      List<Long> executions = ids("select job_execution_id from batch_job_execution order by job_execution_id");
      assertThat(jobs.out()).contains("recovered from " + executions.get(0), "owner ", "heartbeat ");
    }
  }

  private ChildJvm.Started child(int port, String... command) throws IOException {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of("--dripline.data-dir=" + dataDir, "--dripline.run.lease=PT2S",
        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + port, "--dripline.send.threads=2"));
    return ChildJvm.startDripline(args);
  }

  private List<Long> ids(String sql) throws SQLException {
    // the children are done when this reads: the test's own connection opens (and then closes) the file
    return DataDirH2.ids(dataDir, sql);
  }
}
