package org.dripline.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class H2DurabilityTests {

  @Test
  void theShippedFileUrlGetsWriteDelayZero() {
    // given the URL of application.properties / when applied / then every commit is written at once
    assertThat(applied("jdbc:h2:file:/srv/dripline/data/dripline;AUTO_SERVER=TRUE")).containsEntry("WRITE_DELAY", "0");
  }

  @Test
  void aFileUrlWithoutThePrefixIsAFileDatabaseToo() {
    assertThat(applied("jdbc:h2:./data/dripline")).containsEntry("WRITE_DELAY", "0");
  }

  @Test
  void aWriteDelayInTheUrlWins() {
    // given a user who chose a delay / then it is left alone (and logged as a warning)
    assertThat(applied("jdbc:h2:file:./data/dripline;write_delay=500")).isEmpty();
    assertThat(applied("jdbc:h2:file:./data/dripline;WRITE_DELAY=0")).isEmpty();
  }

  @Test
  void inMemoryRemoteAndOtherDatabasesGetNothing() {
    assertThat(applied("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1")).isEmpty();
    assertThat(applied("jdbc:h2:tcp://db.internal/dripline")).isEmpty();
    assertThat(applied("jdbc:mysql://127.0.0.1/dripline")).isEmpty();
  }

  private static Map<String, Object> applied(String url) {
    Map<String, Object> properties = new HashMap<>();
    H2Durability.apply(url, properties::put);
    return properties;
  }
}
