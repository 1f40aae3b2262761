package org.dripline.delivery.send;

import java.util.concurrent.TimeUnit;
import org.dripline.testing.MariaDbServer;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The shared send limits over Connector/J on a real MariaDB 11.4 (V11 included): compare-and-set under InnoDB. */
@SpringBootTest(properties = TestEnvironment.NO_SMTP)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SharedRateLimitsMySqlIntegrationTests extends SharedRateLimitsScenarios {

  @DynamicPropertySource
  static void mysql(DynamicPropertyRegistry registry) {
    String url = MariaDbServer.newDatabaseUrl();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "root");
    registry.add("spring.datasource.password", () -> "");
  }
}
