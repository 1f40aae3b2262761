package org.dripline.delivery;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dripline.support.UtcTime;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The send ledger. Every state change is one conditional UPDATE that commits on its own (the
 * send step runs without a surrounding transaction), so a crash leaves each row in a state that
 * says exactly what happened to it.
 */
@Repository
public class DeliveryLedger {

  // Claim before SMTP (invariant 2); re-checks the subscriber is still ACTIVE at send time (invariant 3).
  private static final String CLAIM = """
      update deliveries set status = 'SENDING', claimed_by = :worker, claimed_at = :now, attempts = attempts + 1
      where id = :id and status = 'PLANNED'
        and exists (select 1 from subscribers s where s.id = deliveries.subscriber_id and s.status = 'ACTIVE')
      """;
  // A PLANNED row whose claim failed belongs to a subscriber who left since planning: skip it for good.
  private static final String SKIP = """
      update deliveries set status = 'SKIPPED', last_error = :reason where id = :id and status = 'PLANNED'
      """;
  // Recorded right after the 250; only a row this worker claimed can become SENT.
  private static final String MARK_SENT = """
      update deliveries set status = 'SENT', sent_at = :now, message_id = :messageId, smtp_reply = :reply,
                            last_error = null
      where id = :id and status = 'SENDING'
      """;
  // The server certainly did not take the message: back to PLANNED for a later attempt.
  private static final String RELEASE = """
      update deliveries set status = 'PLANNED', claimed_by = null, claimed_at = null, smtp_reply = :reply,
                            last_error = :error
      where id = :id and status = 'SENDING'
      """;
  // Permanent: a 5xx, or a template that cannot render for this subscriber.
  private static final String FAIL = """
      update deliveries set status = 'FAILED', smtp_reply = :reply, last_error = :error
      where id = :id and status in ('PLANNED', 'SENDING')
      """;
  // Ambiguous rows keep SENDING (never re-sent automatically); the note says why for the operator.
  private static final String NOTE = "update deliveries set last_error = :error where id = :id";
  // The operator's list of messages that may or may not have arrived.
  private static final String AMBIGUOUS = """
      select id from deliveries where campaign_id = :campaignId and status = 'SENDING' order by id
      """;
  // Counts per status for summaries and tests.
  private static final String COUNTS = """
      select status, count(*) from deliveries where campaign_id = :campaignId group by status
      """;

  private final NamedParameterJdbcTemplate jdbc;

  public DeliveryLedger(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  boolean claim(long id, String worker, Instant now) {
    return jdbc.update(CLAIM, new MapSqlParameterSource("id", id).addValue("worker", worker)
        .addValue("now", UtcTime.toDb(now))) == 1;
  }

  boolean skip(long id, String reason) {
    return jdbc.update(SKIP, new MapSqlParameterSource("id", id).addValue("reason", reason)) == 1;
  }

  void markSent(long id, String messageId, String reply, Instant now) {
    jdbc.update(MARK_SENT, new MapSqlParameterSource("id", id).addValue("messageId", messageId)
        .addValue("reply", truncate(reply, 500)).addValue("now", UtcTime.toDb(now)));
  }

  void release(long id, String reply, String error) {
    jdbc.update(RELEASE, new MapSqlParameterSource("id", id).addValue("reply", truncate(reply, 500))
        .addValue("error", truncate(error, 1000)));
  }

  void fail(long id, String reply, String error) {
    jdbc.update(FAIL, new MapSqlParameterSource("id", id).addValue("reply", truncate(reply, 500))
        .addValue("error", truncate(error, 1000)));
  }

  void note(long id, String error) {
    jdbc.update(NOTE, new MapSqlParameterSource("id", id).addValue("error", truncate(error, 1000)));
  }

  public List<Long> ambiguous(String campaignId) {
    return jdbc.queryForList(AMBIGUOUS, Map.of("campaignId", campaignId), Long.class);
  }

  public Map<DeliveryStatus, Long> counts(String campaignId) {
    Map<DeliveryStatus, Long> counts = new HashMap<>();
    jdbc.query(COUNTS, Map.of("campaignId", campaignId), rs -> {
      counts.put(DeliveryStatus.valueOf(rs.getString(1)), rs.getLong(2));
    });
    return counts;
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
