package org.dripline.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dripline.testing.MariaDbServer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The archive-as-sent scenarios (V16's archived_issues, its long texts) over Connector/J against MariaDB 11.4. */
class ArchiveAsSentMySqlIntegrationTests extends ArchiveAsSentScenarios {

  static final Path FILES = ArchiveFixture.create("archive-as-sent-mysql");

  @DynamicPropertySource
  static void mysql(DynamicPropertyRegistry registry) {
    files(registry, FILES);
    String url = MariaDbServer.newDatabaseUrl();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "root");
    registry.add("spring.datasource.password", () -> "");
  }

  @Override
  Path files() {
    return FILES;
  }

  @Test
  void theCopiesTableIsUtf8mb4LikeTheRestOfTheSchema() {
    // given MariaDB, whose server default character set is latin1: when V16 has run, then its table is utf8mb4
    assertThat(jdbc.queryForObject("""
        select table_collation from information_schema.tables
         where table_schema = database() and table_name = 'archived_issues'""", String.class)).startsWith("utf8mb4");
  }
}
