package org.dripline.tracking;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The tracking scenarios on the embedded default database (H2). */
class TrackingIntegrationTests extends TrackingScenarios {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:tracking-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }
}
