package org.dripline.change;

import org.dripline.testing.MariaDbServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The live-change property over Connector/J against MariaDB (migrations and SQL as in production), fewer cases. */
class LiveChangePropertyMySqlIntegrationTests extends LiveChangeProperties {

  @DynamicPropertySource
  static void mysql(DynamicPropertyRegistry registry) {
    String url = MariaDbServer.newDatabaseUrl();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "root");
    registry.add("spring.datasource.password", () -> "");
  }

  @Override
  int defaultCases() {
    return 6;
  }
}
