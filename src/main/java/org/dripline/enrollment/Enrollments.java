package org.dripline.enrollment;

import java.time.Instant;
import org.dripline.infra.UtcTime;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What other features may change about one subscriber's place in one series: leave it, or pause
 * it. Both take effect at send time, since the claim re-checks the enrollment.
 */
@Repository
public class Enrollments {

  // Leaving one series only; the claim skips its planned messages.
  private static final String LEAVE_SERIES = """
      update enrollments set state = :left where campaign_id = :campaignId and subscriber_id = :subscriberId
      """;
  // A pause holds planned messages until it ends (the claim compares with the run's asOf); a series
  // already left stays left.
  private static final String PAUSE = """
      update enrollments set paused_until = :until where campaign_id = :campaignId and subscriber_id = :subscriberId
        and state = :active
      """;

  // Index-only (ix_enrollments_version): the versions planning has to follow, left ones included,
  // which costs a structure with nobody to plan rather than a scan of the state column.
  private static final String VERSIONS_IN_USE = """
      select distinct version_hash from enrollments where campaign_id = :campaignId
      """;
  private static final String VERSION_OF = """
      select version_hash from enrollments where campaign_id = :campaignId and subscriber_id = :subscriberId
      """;
  // A declared change moves everyone still in the series to the version coming into force.
  private static final String MOVE_TO_VERSION = """
      update enrollments set version_hash = :versionHash
      where campaign_id = :campaignId and state = :active and version_hash <> :versionHash
      """;

  private final NamedParameterJdbcTemplate jdbc;

  public Enrollments(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void leaveSeries(String campaignId, long subscriberId) {
    jdbc.update(LEAVE_SERIES, new MapSqlParameterSource("campaignId", campaignId).addValue("subscriberId", subscriberId)
        .addValue("left", EnrollmentState.UNSUBSCRIBED.name()));
  }

  /** The version hashes this campaign's enrollments follow. */
  public java.util.List<String> versionsInUse(String campaignId) {
    return jdbc.queryForList(VERSIONS_IN_USE, java.util.Map.of("campaignId", campaignId), String.class);
  }

  /** The version this subscriber follows in this series, if they are in it. */
  public java.util.Optional<String> versionOf(String campaignId, long subscriberId) {
    return jdbc.queryForList(VERSION_OF, java.util.Map.of("campaignId", campaignId, "subscriberId", subscriberId),
        String.class).stream().findFirst();
  }

  /** Moves every active enrollment of the campaign to {@code versionHash}; the number moved. */
  public int moveToVersion(String campaignId, String versionHash) {
    return jdbc.update(MOVE_TO_VERSION, new MapSqlParameterSource("campaignId", campaignId)
        .addValue("versionHash", versionHash).addValue("active", EnrollmentState.ACTIVE.name()));
  }

  /** Holds the subscriber's planned messages of this series until {@code until}. */
  public void pause(String campaignId, long subscriberId, Instant until) {
    jdbc.update(PAUSE, new MapSqlParameterSource("campaignId", campaignId).addValue("subscriberId", subscriberId)
        .addValue("until", UtcTime.toDb(until)).addValue("active", EnrollmentState.ACTIVE.name()));
  }

  // on_resume: shift. Everyone still in the series moves later by the part of the pause they were
  // enrolled for: the whole pause for those enrolled before it, up to the resume for those enrolled
  // during it (their series starts at the resume). Enrollments dated after the resume (a run with
  // a later asOf) were never paused. DeliveryLedger.shiftPlanned reads enrolled_at as it was, so it
  // goes first, in the same transaction.
  private static final String SHIFT = """
      update enrollments set enrolled_at = case when enrolled_at < :pausedAt
                                                then timestampadd(MICROSECOND, :pauseMicros, enrolled_at)
                                                else :resumedAt end
      where campaign_id = :campaignId and state = :active and enrolled_at < :resumedAt
      """;
  // Goal completions: enrollments that left the series because exit_when matched them.
  private static final String GOAL_COMPLETIONS = """
      select count(*) from enrollments where campaign_id = :campaignId and state = :goalMet
      """;

  /**
   * Moves the ACTIVE enrollments of the campaign later as if the pause from {@code pausedAt} to
   * {@code resumedAt} had not happened (see SHIFT above), in the caller's transaction; the number
   * moved. Call {@code DeliveryLedger.shiftPlanned} first: it reads the enrollment dates as they were.
   */
  public int shift(String campaignId, Instant pausedAt, Instant resumedAt) {
    if (!resumedAt.isAfter(pausedAt)) {
      return 0;
    }
    long micros = java.time.Duration.between(pausedAt, resumedAt).toNanos() / 1_000;
    return jdbc.update(SHIFT, new MapSqlParameterSource("campaignId", campaignId)
        .addValue("pausedAt", UtcTime.toDb(pausedAt)).addValue("resumedAt", UtcTime.toDb(resumedAt))
        .addValue("pauseMicros", micros).addValue("active", EnrollmentState.ACTIVE.name()));
  }

  /** How many subscribers left this series by meeting its {@code exit_when} goal. */
  public long goalCompletions(String campaignId) {
    Long count = jdbc.queryForObject(GOAL_COMPLETIONS, new MapSqlParameterSource("campaignId", campaignId)
        .addValue("goalMet", EnrollmentState.GOAL_MET.name()), Long.class);
    return count == null ? 0 : count;
  }
}
