package org.dripline.infra;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Lets Spring, not H2, close the embedded database at shutdown. H2 closes every open database
 * from a JVM shutdown hook of its own, which runs at the same time as Spring's: on SIGTERM it
 * closed the database while the graceful stop was still writing the SENT marks of its last batch
 * (10 rows left SENDING, 1 time in 4). H2's setting for this, {@code DB_CLOSE_ON_EXIT=FALSE},
 * cannot be combined with {@code AUTO_SERVER}, which lets a CLI command share the database of a
 * running server, so the hook is unregistered here instead; the pool then closes the database
 * when the context closes, after the graceful stop. Should H2 change its internals, the hook
 * stays and a warning says so.
 */
@Component
class EmbeddedDatabaseShutdown implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseShutdown.class);

  private final DataSource dataSource;

  EmbeddedDatabaseShutdown(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (!(dataSource instanceof HikariDataSource pool) || pool.getJdbcUrl() == null
        || !pool.getJdbcUrl().startsWith("jdbc:h2:")) {
      return;
    }
    // H2 registers its hook when it opens its first database: make sure that has happened.
    try (Connection connection = dataSource.getConnection()) {
      connection.isValid(1);
    } catch (SQLException e) {
      return;
    }
    try {
      Field instance = Class.forName("org.h2.engine.OnExitDatabaseCloser").getDeclaredField("INSTANCE");
      instance.setAccessible(true);
      Runtime.getRuntime().removeShutdownHook((Thread) instance.get(null));
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn("H2 closes its database from its own shutdown hook ({}): a SIGTERM during a send can leave its"
          + " last batch SENDING (reported ambiguous)", e.toString());
    }
  }
}
