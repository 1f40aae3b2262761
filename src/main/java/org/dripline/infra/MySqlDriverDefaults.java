package org.dripline.infra;

import com.zaxxer.hikari.HikariDataSource;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Connector/J settings the sending pipeline depends on for speed, applied to a MySQL or MariaDB
 * URL so nobody has to know them. Without {@code rewriteBatchedStatements} a JDBC batch (SENT
 * marks, imports) is one round trip per row; without the statement cache the driver parses the
 * same SQL text again for every statement (5% of a sending thread in the profile). Anything
 * already in the URL wins. H2 gets nothing: it refuses settings it does not know.
 */
@Component
class MySqlDriverDefaults implements BeanPostProcessor {

  static final Map<String, String> DEFAULTS = defaults();

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
      apply(pool.getJdbcUrl(), pool::addDataSourceProperty);
    }
    return bean;
  }

  /** Passes each default the URL does not set already to {@code property}, for MySQL URLs only. */
  static void apply(String jdbcUrl, java.util.function.BiConsumer<String, Object> property) {
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    if (!url.startsWith("jdbc:mysql:") && !url.startsWith("jdbc:mariadb:")) {
      return;
    }
    DEFAULTS.forEach((key, value) -> {
      if (!url.contains(key.toLowerCase(Locale.ROOT) + "=")) {
        property.accept(key, value);
      }
    });
  }

  private static Map<String, String> defaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("rewriteBatchedStatements", "true");
    defaults.put("cachePrepStmts", "true");
    // The pipeline's statements are a few dozen; their text is long (claim, planning).
    defaults.put("prepStmtCacheSize", "250");
    defaults.put("prepStmtCacheSqlLimit", "8192");
    return Map.copyOf(defaults);
  }
}
