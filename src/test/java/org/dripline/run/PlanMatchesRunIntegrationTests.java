package org.dripline.run;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The plan-against-run scenarios on H2. */
class PlanMatchesRunIntegrationTests extends PlanMatchesRunScenarios {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:plan-run-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }
}
