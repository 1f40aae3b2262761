package org.dripline.delivery;

import java.time.Instant;
import java.util.List;
import org.dripline.enrollment.ActiveEnrollment;
import org.dripline.infra.UtcTime;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The ledger's part when a new version of a campaign comes into force (the change feature decides,
 * this writes): renamed steps keep their history, planned messages of removed steps are dropped,
 * steps that now come before what someone already had are recorded skipped when the file says so.
 * Runs in the caller's transaction, with the rest of the change.
 */
@Repository
public class LedgerMoves {

  // Whoever had the old id has the new one: the unique key then stops it from going out again.
  // Someone who somehow has both keeps the old row as it is (the derived table is MySQL's way of
  // reading the table an UPDATE writes).
  private static final String RENAME = """
      update deliveries set step_id = :to
      where campaign_id = :campaignId and step_id = :from
        and subscriber_id not in (select had.subscriber_id from (
            select subscriber_id from deliveries where campaign_id = :campaignId and step_id = :to) had)
      """;
  // A step the file no longer has: its content is gone, so what is planned of it never goes out.
  private static final String SKIP_REMOVED = """
      update deliveries set status = 'SKIPPED', last_error = :reason
      where campaign_id = :campaignId and status = 'PLANNED' and step_id not in (:kept)
      """;
  // Those in flight on versions without this step who already have a row for a later step but
  // none for it: recorded skipped, so planning never sends it after what follows it.
  private static final String SKIP_BEHIND = """
      insert into deliveries (campaign_id, step_id, subscriber_id, due_at, status, attempts, planned_at, last_error)
      select e.campaign_id, :stepId, e.subscriber_id, timestampadd(SECOND, :offsetSeconds, e.enrolled_at), 'SKIPPED', 0,
             :now, :reason
      from enrollments e
           left join deliveries d on d.campaign_id = e.campaign_id and d.step_id = :stepId
                                 and d.subscriber_id = e.subscriber_id
      where e.campaign_id = :campaignId and %s and e.version_hash in (:versions) and d.id is null
        and exists (select 1 from deliveries l where l.campaign_id = e.campaign_id and l.subscriber_id = e.subscriber_id
                                               and l.step_id in (:later))
      """.formatted(ActiveEnrollment.ACTIVE);

  private final NamedParameterJdbcTemplate jdbc;

  public LedgerMoves(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Rows of step {@code from} become rows of step {@code to}; the number moved. */
  public int rename(String campaignId, String from, String to) {
    return jdbc.update(RENAME, new MapSqlParameterSource("campaignId", campaignId).addValue("from", from)
        .addValue("to", to));
  }

  /** Planned rows of steps other than {@code kept} are skipped with {@code reason}; the number skipped. */
  public int skipRemoved(String campaignId, List<String> kept, String reason) {
    return jdbc.update(SKIP_REMOVED, new MapSqlParameterSource("campaignId", campaignId).addValue("kept", kept)
        .addValue("reason", reason));
  }

  /**
   * Records {@code stepId} (due {@code offset} after enrollment) skipped for in-flight subscribers on
   * {@code versions} who already have one of {@code later}.
   */
  public int skipBehind(String campaignId, String stepId, java.time.Duration offset, List<String> later,
      List<String> versions, String reason, Instant now) {
    return jdbc.update(SKIP_BEHIND, new MapSqlParameterSource("campaignId", campaignId).addValue("stepId", stepId)
        .addValue("versions", versions)
        .addValue("offsetSeconds", offset.toSeconds())
        .addValue("later", later).addValue("reason", reason).addValue("now", UtcTime.toDb(now)));
  }
}
