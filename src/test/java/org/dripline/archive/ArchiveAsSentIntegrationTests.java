package org.dripline.archive;

import java.nio.file.Path;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The archive-as-sent scenarios on H2. */
class ArchiveAsSentIntegrationTests extends ArchiveAsSentScenarios {

  static final Path FILES = ArchiveFixture.create("archive-as-sent");

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    files(registry, FILES);
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:archive-as-sent-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @Override
  Path files() {
    return FILES;
  }
}
