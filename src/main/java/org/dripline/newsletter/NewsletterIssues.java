package org.dripline.newsletter;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dripline.campaign.Campaign;
import org.dripline.infra.ConflictException;
import org.dripline.infra.UtcTime;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What happened to each newsletter issue: the table {@code newsletter_issues}, one row per issue
 * once someone sends, schedules or cancels it. Every change is a conditional UPDATE, so two
 * processes (or a restart) cannot both take a snapshot or both record a winner.
 */
@Component
public class NewsletterIssues {

  /** sending started (snapshot taken) and not cancelled */
  public record SentIssue(String id, Instant sentAt) {
  }

  /** NOW: due at once; SCHEDULED: due at send_at (per subscriber when it is a local time). */
  public enum SendMode { NOW, SCHEDULED }

  /** One issue's row. */
  public record Issue(String id, NewsletterState state, String versionHash, SendMode sendMode, Instant sendFrom,
      Instant snapshotAt, Long recipients, Instant testSentAt, String winner, Instant winnerAt, Instant finishedAt,
      Instant cancelledAt) {
  }

  // The archive lists what went out: sending started and not cancelled, newest first.
  private static final String SENT = """
      select issue_id, snapshot_at from newsletter_issues
       where snapshot_at is not null and state <> 'CANCELLED' order by snapshot_at desc, issue_id
      """;
  // Status, planning and the scheduler read one issue's row.
  private static final String ONE = "select * from newsletter_issues where issue_id = :id";
  // The scheduler's work list: issues not yet finished.
  private static final String ACTIVE = """
      select * from newsletter_issues where state in ('SCHEDULED', 'SENDING', 'TESTING', 'SENDING_WINNER')
       order by send_from, issue_id
      """;
  // First send or schedule of an issue: the row appears once (a concurrent second insert fails on the key).
  private static final String INSERT = """
      insert into newsletter_issues (issue_id, state, version_hash, send_mode, send_from, updated_at)
      values (:id, 'SCHEDULED', :versionHash, :sendMode, :sendFrom, :now)
      """;
  // `send` of an issue that was only scheduled: it goes now instead (only before its snapshot).
  private static final String SEND_NOW = """
      update newsletter_issues set send_mode = 'NOW', send_from = :sendFrom, version_hash = :versionHash,
                                   updated_at = :now
       where issue_id = :id and state = 'SCHEDULED' and snapshot_at is null
      """;
  // Re-scheduling before the snapshot follows an edited send_at.
  private static final String RESCHEDULE = """
      update newsletter_issues set send_mode = 'SCHEDULED', send_from = :sendFrom, version_hash = :versionHash,
                                   updated_at = :now
       where issue_id = :id and state = 'SCHEDULED' and snapshot_at is null
      """;
  // The snapshot happened: once (snapshot_at is null), in the snapshot's own transaction.
  private static final String SNAPSHOT = """
      update newsletter_issues set snapshot_at = :now, recipients = :recipients, state = :state,
                                   test_sent_at = :testSentAt, updated_at = :now
       where issue_id = :id and snapshot_at is null and state = 'SCHEDULED'
      """;
  // The lists the issue goes to, as they are at the snapshot (the claim checks membership in them).
  private static final String LIST = "insert into newsletter_issue_lists (issue_id, list_id) values (:id, :listId)";
  // Late joiners (late_joiners: true) raise the recipient count.
  private static final String ADD_RECIPIENTS = """
      update newsletter_issues set recipients = recipients + :added, updated_at = :now where issue_id = :id
      """;
  // The A/B winner, recorded exactly once: the first caller after the window wins the update.
  private static final String WINNER = """
      update newsletter_issues set winner = :winner, winner_at = :now, state = 'SENDING_WINNER', updated_at = :now
       where issue_id = :id and winner is null and state = 'TESTING'
      """;
  // Nothing left to plan or send.
  private static final String FINISH = """
      update newsletter_issues set state = 'SENT', finished_at = :now, updated_at = :now
       where issue_id = :id and state in ('SENDING', 'SENDING_WINNER')
      """;
  // Cancel before or during sending: planning and claims see CANCELLED and stop.
  private static final String CANCEL = """
      update newsletter_issues set state = 'CANCELLED', cancelled_at = :now, updated_at = :now
       where issue_id = :id and state in ('SCHEDULED', 'SENDING', 'TESTING', 'SENDING_WINNER')
      """;

  private final NamedParameterJdbcTemplate jdbc;

  public NewsletterIssues(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** newest first */
  public List<SentIssue> sent() {
    return jdbc.query(SENT, Map.of(), (rs, n) -> new SentIssue(rs.getString("issue_id"),
        UtcTime.fromDb(rs.getObject("snapshot_at", java.time.LocalDateTime.class))));
  }

  public Optional<Issue> find(String id) {
    return jdbc.query(ONE, Map.of("id", id), (rs, n) -> issue(rs)).stream().findFirst();
  }

  /** Issues scheduled or sending, for {@code serve}'s tick. */
  public List<Issue> active() {
    return jdbc.query(ACTIVE, Map.of(), (rs, n) -> issue(rs));
  }

  /**
   * The issue is to go out: now ({@code send}) or at its send_at ({@code schedule}). Creates its row
   * (SCHEDULED until the snapshot), or moves a scheduled one to now. An issue already sending is
   * left as it is (sending it again resumes it); a cancelled or sent one is refused.
   */
  public Issue begin(Campaign issue, SendMode mode, Instant sendFrom, Instant now) {
    Optional<Issue> existing = find(issue.id());
    if (existing.isPresent()) {
      Issue row = existing.get();
      if (row.state() == NewsletterState.CANCELLED) {
        throw new ConflictException("newsletter issue '" + issue.id() + "' was cancelled at " + row.cancelledAt()
            + "; a cancelled issue is not sent again (copy it to a new id to send it)");
      }
      if (row.state() == NewsletterState.SENT) {
        throw new ConflictException("newsletter issue '" + issue.id() + "' was sent (finished " + row.finishedAt()
            + "); an issue goes out once");
      }
      if (row.state() == NewsletterState.SCHEDULED) {
        jdbc.update(mode == SendMode.NOW ? SEND_NOW : RESCHEDULE, params(issue, mode, sendFrom, now));
      }
      return find(issue.id()).orElseThrow();
    }
    try {
      jdbc.update(INSERT, params(issue, mode, sendFrom, now));
    } catch (org.springframework.dao.DuplicateKeyException concurrent) {
      // Another process created it a moment ago: same outcome.
    }
    return find(issue.id()).orElseThrow();
  }

  private static MapSqlParameterSource params(Campaign issue, SendMode mode, Instant sendFrom, Instant now) {
    return new MapSqlParameterSource("id", issue.id()).addValue("versionHash", issue.versionHash())
        .addValue("sendMode", mode.name()).addValue("sendFrom", UtcTime.toDb(sendFrom)).addValue("now", UtcTime.toDb(now));
  }

  /** Records the snapshot (once) with its lists; false when another run took it first. */
  boolean recordSnapshot(Campaign issue, long recipients, Instant now) {
    boolean ab = issue.broadcast().abTest() != null;
    int updated = jdbc.update(SNAPSHOT, new MapSqlParameterSource("id", issue.id()).addValue("now", UtcTime.toDb(now))
        .addValue("recipients", recipients)
        .addValue("state", (ab ? NewsletterState.TESTING : NewsletterState.SENDING).name())
        .addValue("testSentAt", ab ? UtcTime.toDb(now) : null));
    if (updated == 0) {
      return false;
    }
    for (String list : issue.broadcast().lists()) {
      jdbc.update(LIST, Map.of("id", issue.id(), "listId", list));
    }
    return true;
  }

  void addRecipients(String id, long added, Instant now) {
    if (added > 0) {
      jdbc.update(ADD_RECIPIENTS, Map.of("id", id, "added", added, "now", UtcTime.toDb(now)));
    }
  }

  /** True when this call recorded the winner; false when one was recorded already (or the issue moved on). */
  boolean recordWinner(String id, String winner, Instant now) {
    return jdbc.update(WINNER, Map.of("id", id, "winner", winner, "now", UtcTime.toDb(now))) == 1;
  }

  boolean finish(String id, Instant now) {
    return jdbc.update(FINISH, Map.of("id", id, "now", UtcTime.toDb(now))) == 1;
  }

  boolean cancel(String id, Instant now) {
    return jdbc.update(CANCEL, Map.of("id", id, "now", UtcTime.toDb(now))) == 1;
  }

  private static Issue issue(java.sql.ResultSet rs) throws java.sql.SQLException {
    long count = rs.getLong("recipients");
    Long recipients = rs.wasNull() ? null : count;
    return new Issue(rs.getString("issue_id"), NewsletterState.valueOf(rs.getString("state")),
        rs.getString("version_hash"), SendMode.valueOf(rs.getString("send_mode")), at(rs, "send_from"),
        at(rs, "snapshot_at"), recipients, at(rs, "test_sent_at"), rs.getString("winner"),
        at(rs, "winner_at"), at(rs, "finished_at"), at(rs, "cancelled_at"));
  }

  private static Instant at(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
    return UtcTime.fromDb(rs.getObject(column, java.time.LocalDateTime.class));
  }
}
