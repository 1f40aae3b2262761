package org.dripline.archive;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dripline.infra.UtcTime;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The table {@code archived_issues}: one anonymous copy per sent issue, as it was sent, written only here. The
 * copy is what the pages and the feed show of the issue from then on, whatever later happens to its file.
 */
@Component
class ArchivedIssues {

  /** One issue's stored copy. {@code listId}: its first list when it was sent. */
  record Stored(String issueId, String stepId, String versionHash, String subject, String preheader, String html,
      String author, String listId, Instant storedAt) {
  }

  // The pages and the feed read every stored copy at once, then keep them for dripline.archive.refresh.
  private static final String ALL = """
      select issue_id, step_id, version_hash, subject, preheader, html, author, list_id, stored_at
        from archived_issues
      """;
  // An A/B winner replaces the first variant's copy (the row exists from the snapshot on), found by its key.
  private static final String UPDATE = """
      update archived_issues set step_id = :stepId, version_hash = :versionHash, subject = :subject,
                                 preheader = :preheader, html = :html, author = :author, list_id = :listId,
                                 stored_at = :storedAt
       where issue_id = :issueId
      """;
  // The first copy of an issue (its sending started). Inserted first, not updated first: on InnoDB an update that
  // matches nothing takes a gap lock, and two issues snapshotted at once then deadlock on each other's insert.
  private static final String INSERT = """
      insert into archived_issues (issue_id, step_id, version_hash, subject, preheader, html, author, list_id,
                                   stored_at)
      values (:issueId, :stepId, :versionHash, :subject, :preheader, :html, :author, :listId, :storedAt)
      """;

  // A winner whose copy cannot be rendered must not leave the losing variant's copy on show for good.
  private static final String FORGET = "delete from archived_issues where issue_id = :issueId";

  private final NamedParameterJdbcTemplate jdbc;

  ArchivedIssues(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Keeps {@code copy} as the issue's copy, replacing an earlier one. Called in the transaction that records the
   * send, which records each moment once (a conditional update in the newsletter module), so two callers never
   * race for one issue.
   */
  void save(Stored copy) {
    MapSqlParameterSource params = new MapSqlParameterSource("issueId", copy.issueId())
        .addValue("stepId", copy.stepId()).addValue("versionHash", copy.versionHash())
        .addValue("subject", copy.subject()).addValue("preheader", copy.preheader()).addValue("html", copy.html())
        .addValue("author", copy.author()).addValue("listId", copy.listId())
        .addValue("storedAt", UtcTime.toDb(copy.storedAt()));
    try {
      jdbc.update(INSERT, params);
    } catch (DuplicateKeyException e) {
      jdbc.update(UPDATE, params);
    }
  }

  /** Drops the issue's copy: the archive then renders the issue from its file, as for one sent before copies. */
  void forget(String issueId) {
    jdbc.update(FORGET, Map.of("issueId", issueId));
  }

  /** Every stored copy by issue id. */
  Map<String, Stored> all() {
    Map<String, Stored> copies = new LinkedHashMap<>();
    jdbc.query(ALL, Map.of(), rs -> {
      Stored copy = new Stored(rs.getString("issue_id"), rs.getString("step_id"), rs.getString("version_hash"),
          rs.getString("subject"), rs.getString("preheader"), rs.getString("html"), rs.getString("author"),
          rs.getString("list_id"), UtcTime.fromDb(rs.getObject("stored_at", java.time.LocalDateTime.class)));
      copies.put(copy.issueId(), copy);
    });
    return copies;
  }
}
