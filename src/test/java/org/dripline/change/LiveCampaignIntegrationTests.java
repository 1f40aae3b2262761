package org.dripline.change;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The live-campaign scenarios on the embedded default database (H2). */
class LiveCampaignIntegrationTests extends LiveCampaignScenarios {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:live-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }
}
