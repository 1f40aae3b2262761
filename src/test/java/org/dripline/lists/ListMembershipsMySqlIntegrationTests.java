package org.dripline.lists;

import org.dripline.testing.MariaDbServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The membership scenarios (V14, batch writes, the snapshot fragment) over Connector/J against MariaDB 11.4. */
class ListMembershipsMySqlIntegrationTests extends ListMembershipScenarios {

  @DynamicPropertySource
  static void mysql(DynamicPropertyRegistry registry) {
    String url = MariaDbServer.newDatabaseUrl();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "root");
    registry.add("spring.datasource.password", () -> "");
  }
}
