package org.dripline.delivery;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The series scenarios on the embedded default database (H2). */
class DripSeriesIntegrationTests extends DripSeriesScenarios {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:series-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }
}
