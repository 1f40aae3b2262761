package org.dripline.tracking;

import org.dripline.support.MariaDbServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The tracking scenarios (V3 migration, events, links, suppressions) over Connector/J against MariaDB 11.4. */
class TrackingMySqlIntegrationTests extends TrackingScenarios {

  @DynamicPropertySource
  static void mysql(DynamicPropertyRegistry registry) {
    String url = MariaDbServer.newDatabaseUrl();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "root");
    registry.add("spring.datasource.password", () -> "");
  }
}
