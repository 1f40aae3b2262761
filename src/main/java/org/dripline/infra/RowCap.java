package org.dripline.infra;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Queries that return at most N rows: samples and keyset pages. */
public final class RowCap {

  private RowCap() {
  }

  /**
   * A template over the same data source whose statements stop after {@code maxRows} rows.
   * Statement.setMaxRows, not LIMIT / FETCH FIRST: the one row cap H2 and MySQL both honour.
   */
  public static NamedParameterJdbcTemplate of(NamedParameterJdbcTemplate jdbc, int maxRows) {
    JdbcTemplate capped = new JdbcTemplate(jdbc.getJdbcTemplate().getDataSource());
    capped.setMaxRows(maxRows);
    return new NamedParameterJdbcTemplate(capped);
  }
}
