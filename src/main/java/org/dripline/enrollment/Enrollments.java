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

  private final NamedParameterJdbcTemplate jdbc;

  public Enrollments(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void leaveSeries(String campaignId, long subscriberId) {
    jdbc.update(LEAVE_SERIES, new MapSqlParameterSource("campaignId", campaignId).addValue("subscriberId", subscriberId)
        .addValue("left", EnrollmentState.UNSUBSCRIBED.name()));
  }

  /** Holds the subscriber's planned messages of this series until {@code until}. */
  public void pause(String campaignId, long subscriberId, Instant until) {
    jdbc.update(PAUSE, new MapSqlParameterSource("campaignId", campaignId).addValue("subscriberId", subscriberId)
        .addValue("until", UtcTime.toDb(until)).addValue("active", EnrollmentState.ACTIVE.name()));
  }
}
