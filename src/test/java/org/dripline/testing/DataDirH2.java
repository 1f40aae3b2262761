package org.dripline.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The database every new user starts with, as child processes ({@link ChildJvm}) leave it: the H2
 * file {@code dripline} in their {@code --dripline.data-dir}. Each call opens (and then closes) the
 * file with the test's own connection, so no child may be running when it reads or writes.
 */
public final class DataDirH2 {

  private DataDirH2() {
  }

  /** The first column of every row {@code sql} selects, as numbers (ids, mostly). */
  public static List<Long> ids(Path dataDir, String sql) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection connection = open(dataDir); Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  /** Runs one statement (test-only SQL: a state the scenario needs that no command makes). */
  public static void update(Path dataDir, String sql) throws SQLException {
    try (Connection connection = open(dataDir); Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    }
  }

  private static Connection open(Path dataDir) throws SQLException {
    return DriverManager.getConnection("jdbc:h2:file:" + dataDir + "/dripline", "sa", "");
  }
}
