package org.dripline.enrollment;

import java.time.Instant;
import java.util.Map;
import org.dripline.campaign.Campaign;
import org.dripline.infra.ConcurrentWrites;
import org.dripline.infra.IdRangeTasklet;
import org.dripline.infra.Selection;
import org.dripline.infra.UtcTime;
import org.dripline.segment.AudienceSql;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Enrolls every sendable subscriber in the campaign's audience who is not enrolled yet, with one
 * set-based INSERT ... SELECT per range of subscriber ids (and per committed transaction): the
 * rows never travel to Java, so time and memory do not depend on the audience size. The next id
 * is kept in the step's execution context, so a restart goes on from the first range not yet
 * committed; a range done twice (crash between its commit and the context's) enrolls nobody twice.
 */
class AudienceEnroller extends IdRangeTasklet {

  static final String NEXT_FROM_ID = "enrollment.nextFromId";

  // The id span of all subscribers, walked in bounded ranges so each transaction stays small.
  private static final String SPAN = "select min(id) as low, max(id) as high from subscribers";
  // One range of newcomers (see Newcomers, which the dry run counts too), enrolled as ACTIVE. A
  // concurrent instance's duplicate fails the primary key; ConcurrentWrites then runs the range
  // again, which finds them enrolled.
  private static final String ENROLL = """
      insert into enrollments (campaign_id, subscriber_id, version_hash, enrolled_at, state)
      select :campaignId, s.id, :versionHash, :enrolledAt, 'ACTIVE'
      """;

  private final NamedParameterJdbcTemplate jdbc;
  private final Campaign campaign;
  private final Instant asOf;
  // Compiled once per step execution, not per range.
  private final AudienceSql.Condition audience;

  AudienceEnroller(NamedParameterJdbcTemplate jdbc, ConcurrentWrites writes, Campaign campaign, Instant asOf,
      int range) {
    super(NEXT_FROM_ID, range, writes);
    this.jdbc = jdbc;
    this.campaign = campaign;
    this.asOf = asOf;
    this.audience = Newcomers.audience(campaign, asOf);
  }

  @Override
  protected Map<String, Object> span() {
    return jdbc.queryForMap(SPAN, Map.of());
  }

  @Override
  protected long writeRange(long from, long to) {
    Selection newcomers = Newcomers.among(campaign.id(), audience, from, to);
    MapSqlParameterSource params = new MapSqlParameterSource(newcomers.parameters())
        .addValue("versionHash", campaign.versionHash())
        .addValue("enrolledAt", UtcTime.toDb(asOf));
    return jdbc.update(ENROLL + newcomers.from(), params);
  }
}
