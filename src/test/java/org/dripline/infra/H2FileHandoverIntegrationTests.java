package org.dripline.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process that starts while another one still holds the shared H2 file (the moment a short
 * command exits next to a starting {@code serve}) waits for the file instead of failing its start.
 * The other process is a real JVM holding the file for two seconds, through H2's own shell.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class H2FileHandoverIntegrationTests {

  @TempDir
  Path data;
  Process holder;

  @AfterEach
  void letGo() {
    if (holder != null) {
      holder.destroyForcibly();
    }
  }

  @Test
  void aStartWhileAnotherProcessLetsGoOfTheFileWaitsForIt() throws Exception {
    // given another process that holds the database file for two seconds
    holder = holdTheFile(2_000);

    // when this process opens its pool on the shared file, as Dripline's default URL does
    try (HikariDataSource pool = sharedPool()) {
      new H2FileHandover().postProcessBeforeInitialization(pool, "dataSource");
      try (Connection connection = pool.getConnection()) {
        // then it gets its connection once the other has let go, not an error
        assertThat(connection.isValid(1)).isTrue();
        assertThat(holder.isAlive()).as("the other process had let go first").isFalse();
      }
    }
  }

  @Test
  void withoutTheHandoverTheSameStartFails() throws Exception {
    // given the same other process, and a pool left at Hikari's default of one attempt
    holder = holdTheFile(10_000);

    // when this process opens its pool, then H2 says the file is locked (what serve died of)
    try (HikariDataSource pool = sharedPool()) {
      assertThatThrownBy(pool::getConnection).hasStackTraceContaining("Locked by another process");
    }
  }

  @Test
  void onlyAnH2FileSharedWithOtherProcessesIsHandedOver() {
    assertThat(H2FileHandover.shared("jdbc:h2:file:./data/dripline;AUTO_SERVER=TRUE")).isTrue();
    assertThat(H2FileHandover.shared("jdbc:h2:file:./data/dripline")).isFalse();
    assertThat(H2FileHandover.shared("jdbc:h2:mem:test")).isFalse();
    assertThat(H2FileHandover.shared("jdbc:mysql://db/dripline")).isFalse();
  }

  @Test
  void aTimeoutTheUserSetIsKept() {
    try (HikariDataSource pool = sharedPool()) {
      pool.setInitializationFailTimeout(-1);
      new H2FileHandover().postProcessBeforeInitialization(pool, "dataSource");
      assertThat(pool.getInitializationFailTimeout()).isEqualTo(-1);
    }
  }

  private HikariDataSource sharedPool() {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl("jdbc:h2:file:" + data.resolve("dripline") + ";AUTO_SERVER=TRUE");
    pool.setUsername("sa");
    return pool;
  }

  /** H2's shell in another JVM, holding the file (with a lock file, as AUTO_SERVER uses) for {@code millis}. */
  private Process holdTheFile(long millis) throws Exception {
    String h2 = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> Path.of(entry).getFileName().toString().startsWith("h2-")).findFirst().orElseThrow();
    Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", h2, "org.h2.tools.Shell", "-url", "jdbc:h2:file:" + data.resolve("dripline") + ";FILE_LOCK=FILE",
        "-user", "sa", "-sql", "CREATE ALIAS HOLD FOR 'java.lang.Thread.sleep'; CALL HOLD(" + millis + ")"))
        .redirectErrorStream(true).redirectOutput(data.resolve("holder.log").toFile()).start();
    await("the other process holding the file").atMost(Duration.ofMinutes(1))
        .until(() -> Files.exists(data.resolve("dripline.lock.db")) && Files.exists(data.resolve("dripline.mv.db")));
    return process;
  }
}
