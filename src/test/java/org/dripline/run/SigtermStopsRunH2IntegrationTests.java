package org.dripline.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dripline.testing.ChildJvm;
import org.dripline.testing.NewsletterFixture;
import org.dripline.testing.ScriptedSmtpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (Process.destroy(): what Ctrl+C, {@code kill} and a service stop send) is {@code dripline
 * stop ID} for the run of this process: the messages in flight finish and are recorded, nothing new
 * is claimed, the execution ends STOPPED (not FAILED), the process exits 143 (128 + SIGTERM), and
 * the very same command continues, nobody getting anything twice. Real processes, embedded H2.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SigtermStopsRunH2IntegrationTests {

  static final int AUDIENCE = 300;
  /** What a JVM ended by SIGTERM exits with, shell-style (README, Commands). */
  static final int SIGTERM_EXIT = 143;

  @TempDir
  Path dataDir;
  @TempDir
  Path newsletters;

  record Done(int exit, String output) {
  }

  record Child(Process process, Path log) {
  }

  @Test
  void aNewsletterSendStoppedBySigtermEndsStoppedAndTheSameCommandSendsTheRestOnce() throws Exception {
    writeIssue("weekly-stop");
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of(), 20)) {
      // given 300 on the list and a server that takes 20 ms per message
      StringBuilder rows = new StringBuilder("email,lists\n");
      for (int i = 0; i < AUDIENCE; i++) {
        rows.append("stop").append(i).append("@example.org,stories-weekly\n");
      }
      assertThat(finish(child(smtp.port(), "import", "--file", csv(rows))).exit()).isZero();

      // when the send gets SIGTERM after 50 messages
      String[] send = {"newsletter", "send", "weekly-stop"};
      Done stopped = sigtermAfter(50, smtp, child(smtp.port(), send));

      // then it ended STOPPED, said so, and everything the server accepted is SENT; nothing is ambiguous
      assertStoppedCleanly(stopped, smtp, "newsletterSendJob");

      // and the same command continues that run (same job instance, nothing left STOPPED in `jobs`)
      // and sends the rest, each recipient exactly once
      Done again = finish(child(smtp.port(), send));
      assertThat(again.exit()).as(again.output()).isZero();
      assertThat(again.output()).contains("status=COMPLETED");
      assertThat(strings("select e.status from BATCH_JOB_EXECUTION e join BATCH_JOB_INSTANCE i on i.job_instance_id"
          + " = e.job_instance_id where i.job_name = 'newsletterSendJob' order by e.job_execution_id"))
          .containsExactly("STOPPED", "COMPLETED");
      assertThat(ids("select count(distinct e.job_instance_id) from BATCH_JOB_EXECUTION e join BATCH_JOB_INSTANCE i"
          + " on i.job_instance_id = e.job_instance_id where i.job_name = 'newsletterSendJob'")).containsExactly(1L);
      assertThat(smtp.accepted).hasSize(AUDIENCE);
      assertThat(smtp.accepted.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
      assertThat(ids("select id from deliveries where status = 'SENT'")).hasSize(AUDIENCE);
    }
  }

  @Test
  void aDripRunStoppedBySigtermEndsStoppedAndTheSameCommandRestartsItAndSendsTheRestOnce() throws Exception {
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of(), 20)) {
      // given 300 in the series' audience and a server that takes 20 ms per message
      StringBuilder rows = new StringBuilder("email,tags\n");
      for (int i = 0; i < AUDIENCE; i++) {
        rows.append("drip").append(i).append("@example.org,working-mom\n");
      }
      assertThat(finish(child(smtp.port(), "import", "--file", csv(rows))).exit()).isZero();

      // when the run gets SIGTERM after 50 messages
      String[] run = {"run", "--campaign", "working-mom-guilt", "--as-of", "2026-12-01T14:00:00Z"};
      Done stopped = sigtermAfter(50, smtp, child(smtp.port(), run));

      // then it ended STOPPED, said so, and everything the server accepted is SENT; nothing is ambiguous
      assertStoppedCleanly(stopped, smtp, "dripRunJob");

      // and the same command restarts that execution (same job instance) and sends the rest once each
      Done again = finish(child(smtp.port(), run));
      assertThat(again.exit()).as(again.output()).isZero();
      assertThat(again.output()).contains("status=COMPLETED");
      assertThat(ids("select count(distinct e.job_instance_id) from BATCH_JOB_EXECUTION e join BATCH_JOB_INSTANCE i"
          + " on i.job_instance_id = e.job_instance_id where i.job_name = 'dripRunJob'")).containsExactly(1L);
      assertThat(smtp.accepted).hasSize(AUDIENCE);
      assertThat(smtp.accepted.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }
  }

  /** Waits (with a deadline) until {@code count} messages were accepted, sends SIGTERM, waits for the exit. */
  private static Done sigtermAfter(int count, ScriptedSmtpServer smtp, Child child) throws Exception {
    await(count + " accepted or the child gone").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(5))
        .until(() -> !child.process().isAlive() || smtp.accepted.size() >= count);
    assertThat(child.process().isAlive()).as("still sending at the SIGTERM: %s", Files.readString(child.log()))
        .isTrue();
    int atSigterm = smtp.accepted.size();
    long sigterm = System.nanoTime();
    child.process().destroy();
    Done done = finish(child);
    System.out.printf("SIGTERM at %d accepted; exited %d after %d ms with %d accepted%n", atSigterm, done.exit(),
        (System.nanoTime() - sigterm) / 1_000_000, smtp.accepted.size());
    return done;
  }

  private void assertStoppedCleanly(Done stopped, ScriptedSmtpServer smtp, String job) throws Exception {
    int accepted = smtp.accepted.size();
    assertThat(accepted).isBetween(50, AUDIENCE - 1);
    assertThat(stopped.exit()).as(stopped.output()).isEqualTo(SIGTERM_EXIT);
    assertThat(stopped.output()).contains("status=STOPPED").doesNotContain("Exception");
    assertThat(strings("select e.status from BATCH_JOB_EXECUTION e join BATCH_JOB_INSTANCE i"
        + " on i.job_instance_id = e.job_instance_id where i.job_name = '" + job + "'")).containsExactly("STOPPED");
    assertThat(ids("select id from deliveries where status = 'SENDING'")).isEmpty();
    assertThat(ids("select id from deliveries where status = 'SENT'")).hasSize(accepted);
  }

  private void writeIssue(String id) throws IOException {
    NewsletterFixture.writeIssue(newsletters, id, """
        subject: "This week"
        send_at: "2030-01-10T09:00:00Z"
        """);
  }

  private static String csv(StringBuilder rows) throws IOException {
    Path csv = Files.createTempFile("sigterm", ".csv");
    Files.writeString(csv, rows);
    return csv.toString();
  }

  private Child child(int port, String... command) throws IOException {
    List<String> args = ChildJvm.driplineJava(System.getProperty("java.class.path"));
    args.addAll(List.of(command));
    args.addAll(List.of("--dripline.data-dir=" + dataDir, "--dripline.newsletters-dir=" + newsletters,
        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + port, "--dripline.send.threads=2"));
    File log = Files.createTempFile("dripline-sigterm", ".log").toFile();
    return new Child(new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log).start(), log.toPath());
  }

  private static Done finish(Child child) throws Exception {
    assertThat(child.process().waitFor(3, TimeUnit.MINUTES)).as("child finished: %s", child.log()).isTrue();
    return new Done(child.process().exitValue(), Files.readString(child.log()));
  }

  private List<Long> ids(String sql) throws Exception {
    List<Long> ids = new ArrayList<>();
    for (String value : strings(sql)) {
      ids.add(Long.parseLong(value));
    }
    return ids;
  }

  private List<String> strings(String sql) throws Exception {
    List<String> values = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + dataDir + "/dripline", "sa", "");
         ResultSet rs = connection.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
