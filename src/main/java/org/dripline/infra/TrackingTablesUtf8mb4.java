package org.dripline.infra;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Migration 5: V3 created {@code links} and {@code events} without the utf8mb4 table option the
 * other tables have, so on a MySQL or MariaDB server whose default is latin1 (MariaDB before 11.6)
 * a link with a non-Latin-1 character could not be stored, and joins of their campaign and step
 * ids against the ledger compared across character sets. H2 is Unicode throughout: nothing to do.
 * A Java migration because no single SQL statement is a valid no-op on both databases.
 */
@Component
class TrackingTablesUtf8mb4 implements JavaMigration {

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("5");
  }

  @Override
  public String getDescription() {
    return "tracking tables utf8mb4";
  }

  @Override
  public Integer getChecksum() {
    return 5;
  }

  @Override
  public boolean canExecuteInTransaction() {
    // MySQL's ALTER TABLE commits implicitly anyway.
    return false;
  }

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    if (connection.getMetaData().getDatabaseProductName().toLowerCase().contains("h2")) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("alter table links convert to character set utf8mb4");
      statement.execute("alter table events convert to character set utf8mb4");
    }
  }
}
