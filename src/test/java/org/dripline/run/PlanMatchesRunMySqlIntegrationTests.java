package org.dripline.run;

import org.dripline.testing.MariaDbServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The plan-against-run scenarios over Connector/J against MariaDB 11.4. */
class PlanMatchesRunMySqlIntegrationTests extends PlanMatchesRunScenarios {

  @DynamicPropertySource
  static void mysql(DynamicPropertyRegistry registry) {
    String url = MariaDbServer.newDatabaseUrl();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "root");
    registry.add("spring.datasource.password", () -> "");
  }
}
