package org.dripline.lifecycle;

import org.dripline.testing.MariaDbServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The lifecycle scenarios over Connector/J against MariaDB 11.4: the lifecycle predicates inside
 * the claim, the due selection and the newcomers, the goal UPDATE, the row lock and the shift's
 * date arithmetic run there as in production.
 */
class CampaignLifecycleMySqlIntegrationTests extends CampaignLifecycleScenarios {

  @DynamicPropertySource
  static void mysql(DynamicPropertyRegistry registry) {
    String url = MariaDbServer.newDatabaseUrl();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "root");
    registry.add("spring.datasource.password", () -> "");
  }
}
