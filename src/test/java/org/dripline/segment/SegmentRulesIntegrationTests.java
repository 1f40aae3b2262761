package org.dripline.segment;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Segment rule scenarios on H2. */
class SegmentRulesIntegrationTests extends SegmentRuleScenarios {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:segments-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }
}
