package org.dripline.archive;

import java.nio.file.Path;
import org.dripline.testing.MariaDbServer;
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
}
