package org.dripline.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dripline.testing.ChildJvm;
import org.dripline.testing.DiscardingMailbox;
import org.dripline.testing.MariaDbServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Invariant 2 (docs/architecture.md) with real processes, on MariaDB: a Dripline JVM sending to
 * 5,000 subscribers is killed with SIGKILL at random points mid-send and restarted with --recover
 * each time; finally the operator re-sends the ambiguous ones. Every delivery arrives at least
 * once, and every delivery that arrived twice is one the engine had reported ambiguous.
 * {@link CrashRecoveryH2IntegrationTests} runs the same on the embedded default.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class CrashRecoveryIntegrationTests {

  static final int AUDIENCE = 5_000;
  static final String AS_OF = "2026-12-01T14:00:00Z";

  @Test
  void killedRunsLoseNothingAndDuplicateOnlyWhatTheyReportedAmbiguous() throws Exception {
    String url = MariaDbServer.newDatabaseUrl();
    killFiveTimesAndRecover(List.of("--spring.datasource.url=" + url, "--spring.datasource.username=root",
        "--spring.datasource.password="), sql -> ids(url, sql));
  }

  /** The database a child uses, as command-line arguments, and how the test reads ids from it. */
  interface Ids {
    List<Long> of(String sql) throws Exception;
  }

  /**
   * The scenario on any database: 5,000 subscribers, five SIGKILLs at random points while sending
   * (each run started with --recover), then a last run that re-sends the ambiguous ones.
   */
  static void killFiveTimesAndRecover(List<String> database, Ids ids) throws Exception {
    // given a database with 5,000 subscribers and an SMTP server that counts delivery ids
    Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
    AtomicInteger received = new AtomicInteger();
    int port = freePort();
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    smtp.getUserManager().setMessageDeliveryHandler((message, address) -> {
      arrivals.computeIfAbsent(message.getMessage().getHeader("X-Dripline-Delivery")[0], k -> new AtomicInteger())
          .incrementAndGet();
      received.incrementAndGet();
      return DiscardingMailbox.user(m -> { });
    });
    try {
      Path csv = Files.createTempFile("crash", ".csv");
      StringBuilder rows = new StringBuilder("email,first_name,tags\n");
      for (int i = 0; i < AUDIENCE; i++) {
        rows.append("crash").append(i).append("@example.org,Reader ").append(i).append(",working-mom\n");
      }
      Files.writeString(csv, rows);
      assertThat(child(database, port, "import", "--file", csv.toString()).waitFor(5, TimeUnit.MINUTES)).isTrue();

      // when runs are killed with SIGKILL at five random points while sending, and restarted
      Random random = new Random(2026);
      Set<Long> reportedAmbiguous = new HashSet<>();
      int kills = 0;
      while (kills < 5) {
        int before = received.get();
        Process run = child(database, port, "run", "--campaign", "working-mom-guilt", "--as-of", AS_OF, "--recover");
        int killAfter = 100 + random.nextInt(600);
        await("the kill point or the run's end").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(5))
            .until(() -> !run.isAlive() || received.get() - before >= killAfter);
        if (!run.isAlive()) {
          break; // finished before the kill point: nothing left to crash
        }
        run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        kills++;
        reportedAmbiguous.addAll(ids.of("select id from deliveries where status = 'SENDING'"));
      }
      Process last = child(database, port, "run", "--campaign", "working-mom-guilt", "--as-of", AS_OF, "--recover",
          "--resend-ambiguous");
      assertThat(last.waitFor(180, TimeUnit.SECONDS)).isTrue();

      // then all was delivered, and the only duplicates are deliveries reported ambiguous
      assertThat(kills).as("kills while sending").isEqualTo(5);
      assertThat(last.exitValue()).isZero();
      List<Long> planned = ids.of("select id from deliveries where step_id = 'welcome'");
      assertThat(planned).hasSize(AUDIENCE);
      assertThat(arrivals.keySet()).containsAll(planned.stream().map(String::valueOf).toList());
      Set<Long> duplicated = new HashSet<>();
      arrivals.forEach((id, count) -> {
        if (count.get() > 1) {
          duplicated.add(Long.parseLong(id));
        }
      });
      System.out.printf("crash recovery: %d kills, %d reported ambiguous, %d arrived twice%n", kills,
          reportedAmbiguous.size(), duplicated.size());
      assertThat(reportedAmbiguous).as("duplicates the ledger did not report ambiguous")
          .containsAll(duplicated);
      assertThat(ids.of("select id from deliveries where status <> 'SENT'")).isEmpty();
    } finally {
      smtp.stop();
    }
  }

  static Process child(String url, int port, String... command) throws IOException {
    return child(List.of("--spring.datasource.url=" + url, "--spring.datasource.username=root",
        "--spring.datasource.password="), port, command);
  }

  /** A Dripline JVM running {@code command} with {@code database} settings, sending to {@code port}. */
  static Process child(List<String> database, int port, String... command) throws IOException {
    List<String> args = ChildJvm.driplineJava(System.getProperty("java.class.path"));
    args.addAll(List.of(command));
    args.addAll(database);
    args.addAll(List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + port,
        "--dripline.send.threads=2", "--dripline.send.reconnect-delay=100ms"));
    File log = Files.createTempFile("dripline-child", ".log").toFile();
    return new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log).start();
  }

  static List<Long> ids(String url, String sql) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url, "root", "");
         ResultSet rs = connection.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
