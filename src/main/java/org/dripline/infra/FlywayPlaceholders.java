package org.dripline.infra;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * What H2 and MySQL spell differently, chosen from the connected database, so one set of
 * migrations serves both: MySQL's TIMESTAMP converts time zones and ends in 2038, so it gets
 * DATETIME(6) (H2 has no DATETIME outside its MySQL mode); MySQL tables are utf8mb4 whatever the
 * server's default, and columns that rules compare exactly get a binary collation.
 */
@Component
class FlywayPlaceholders implements FlywayConfigurationCustomizer {

  private final DataSource dataSource;

  FlywayPlaceholders(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void customize(org.flywaydb.core.api.configuration.FluentConfiguration configuration) {
    boolean h2;
    try (Connection connection = dataSource.getConnection()) {
      h2 = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("h2");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the database to choose its column types: " + e.getMessage(), e);
    }
    configuration.placeholders(h2
        ? Map.of("timestamp", "timestamp(6)", "long_text", "clob", "binary", "", "table_options", "")
        : Map.of("timestamp", "datetime(6)", "long_text", "mediumtext", "binary", "collate utf8mb4_bin",
            "table_options", " default character set utf8mb4"));
  }
}
