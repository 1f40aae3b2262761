package org.dripline.lifecycle;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The lifecycle scenarios on the embedded default database (H2). */
class CampaignLifecycleIntegrationTests extends CampaignLifecycleScenarios {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:lifecycle-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }
}
