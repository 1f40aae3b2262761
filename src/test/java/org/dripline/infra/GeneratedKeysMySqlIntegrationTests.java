package org.dripline.infra;

import java.util.concurrent.TimeUnit;
import org.dripline.testing.MariaDbServer;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The generated-keys scenarios over Connector/J on a real MariaDB 11.4 (V9 included): the race on InnoDB's primary key. */
@SpringBootTest(properties = TestEnvironment.NO_SMTP)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class GeneratedKeysMySqlIntegrationTests extends GeneratedKeysScenarios {

  @DynamicPropertySource
  static void mysql(DynamicPropertyRegistry registry) {
    String url = MariaDbServer.newDatabaseUrl();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "root");
    registry.add("spring.datasource.password", () -> "");
  }
}
