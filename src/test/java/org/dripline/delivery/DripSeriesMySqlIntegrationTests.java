package org.dripline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.dripline.testing.MariaDbServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same series, idempotency and audience tests over the MySQL protocol: Connector/J against a
 * real MariaDB 11.4 started by the tests (schema by the same Flyway migrations).
 */
class DripSeriesMySqlIntegrationTests extends DripSeriesScenarios {

  @DynamicPropertySource
  static void mysql(DynamicPropertyRegistry registry) {
    String url = MariaDbServer.newDatabaseUrl();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "root");
    registry.add("spring.datasource.password", () -> "");
  }

  @Autowired
  DataSource dataSource;

  @Test
  void runsOverConnectorJAgainstMariaDb() throws Exception {
    // given the test's data source / when asked what it is / then it is Connector/J talking to MariaDB
    try (var connection = dataSource.getConnection()) {
      assertThat(connection.getMetaData().getDriverName()).contains("MySQL Connector/J");
      assertThat(jdbc.queryForObject("select version()", String.class)).contains("MariaDB");
    }
  }
}
