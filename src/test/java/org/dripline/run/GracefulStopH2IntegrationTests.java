package org.dripline.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dripline.testing.DataDirH2;
import org.dripline.testing.ScriptedSmtpServer;
import org.dripline.testing.SubscriberFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM on the embedded default: the H2 URL Dripline ships with, not a test URL. H2 closes its
 * database from a JVM shutdown hook of its own unless told not to, and that hook races the
 * graceful stop, which still has SENT marks to write.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class GracefulStopH2IntegrationTests {

  static final int AUDIENCE = 300;

  @TempDir
  Path dataDir;

  @Test
  void sigtermOnTheEmbeddedDatabaseRecordsEveryAcceptedMessage() throws Exception {
    // given 300 subscribers in the default H2 database and a server that takes 5 ms per message
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of(), 5)) {
      Path csv = SubscriberFiles.tagged("h2calm", AUDIENCE);
      assertThat(child(smtp.port(), "import", "--file", csv.toString()).waitFor(5, TimeUnit.MINUTES)).isTrue();

      // when a run is sent SIGTERM after 100 messages
      Process run = child(smtp.port(), "run", "--campaign", "working-mom-guilt", "--as-of", "2026-12-01T14:00:00Z");
      await("100 messages accepted or the run gone").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(2))
          .until(() -> !run.isAlive() || smtp.accepted.size() >= 100);
      run.destroy();
      assertThat(run.waitFor(90, TimeUnit.SECONDS)).isTrue();

      // then every accepted message is recorded SENT and none is left ambiguous
      int accepted = smtp.accepted.size();
      assertThat(accepted).isBetween(100, AUDIENCE - 1);
      assertThat(ids("select id from deliveries where status = 'SENDING'")).isEmpty();
      assertThat(ids("select id from deliveries where status = 'SENT'")).hasSize(accepted);
    }
  }

  private Process child(int smtpPort, String... command) throws IOException {
    // No datasource URL: the H2 URL of application.properties, in a data directory of its own.
    return CrashRecoveryIntegrationTests.child(List.of("--dripline.data-dir=" + dataDir), smtpPort, command);
  }

  private List<Long> ids(String sql) throws SQLException {
    return DataDirH2.ids(dataDir, sql);
  }
}
