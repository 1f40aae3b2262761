package org.dripline.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

class MySqlDriverDefaultsTests {

  private final MySqlDriverDefaults defaults = new MySqlDriverDefaults();

  @Test
  void batchesAndCachesStatementsOnMySql() {
    // given a pool for a MySQL URL that says nothing about batching
    HikariDataSource pool = pool("jdbc:mysql://db.internal:3306/dripline?useSSL=false");

    // when the pool bean is set up
    defaults.postProcessBeforeInitialization(pool, "dataSource");

    // then Connector/J gets the batching and statement-cache settings
    assertThat(pool.getDataSourceProperties()).containsEntry("rewriteBatchedStatements", "true")
        .containsEntry("cachePrepStmts", "true").containsEntry("prepStmtCacheSize", "250");
  }

  @Test
  void leavesWhatTheUrlSaysAlone() {
    // given a URL that turns the statement cache off on purpose
    HikariDataSource pool = pool("jdbc:mysql://db.internal/dripline?cachePrepStmts=false");

    // when
    defaults.postProcessBeforeInitialization(pool, "dataSource");

    // then the URL's choice stands and only the rest is added
    assertThat(pool.getDataSourceProperties()).doesNotContainKey("cachePrepStmts")
        .containsEntry("rewriteBatchedStatements", "true");
  }

  @Test
  void givesH2Nothing() {
    // given the embedded default, which refuses settings it does not know
    HikariDataSource pool = pool("jdbc:h2:file:./data/dripline;AUTO_SERVER=TRUE");

    // when
    defaults.postProcessBeforeInitialization(pool, "dataSource");

    // then
    assertThat(pool.getDataSourceProperties()).isEmpty();
  }

  private static HikariDataSource pool(String url) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(url);
    return pool;
  }
}
