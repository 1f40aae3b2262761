package org.dripline.enrollment;

import java.time.Instant;
import java.util.Map;
import org.dripline.campaign.Campaign;
import org.dripline.infra.ConcurrentWrites;
import org.dripline.infra.IdRangeTasklet;
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
  // One range: ACTIVE, unsuppressed audience members not enrolled yet. The anti-join on enrollments
  // makes a re-run a no-op; the primary key (campaign_id, subscriber_id) rejects a concurrent
  // instance's duplicate, and ConcurrentWrites then runs the range again, which finds them enrolled.
  // Anti-joins (LEFT JOIN ... IS NULL) rather than NOT EXISTS: MariaDB may turn NOT EXISTS into a
  // materialized NOT IN over every enrollment of the campaign, once per range.
  private static final String ENROLL = """
      insert into enrollments (campaign_id, subscriber_id, version_hash, enrolled_at, state)
      select :campaignId, s.id, :versionHash, :enrolledAt, 'ACTIVE'
      from subscribers s
           left join suppressions x on x.email = s.email
           left join enrollments e on e.campaign_id = :campaignId and e.subscriber_id = s.id
      where s.id between :fromId and :toId and s.status = 'ACTIVE'
        and x.email is null and e.subscriber_id is null
        and (%s)
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
    this.audience = AudienceSql.compile(campaign.audience(), "audience", asOf);
  }

  @Override
  protected Map<String, Object> span() {
    return jdbc.queryForMap(SPAN, Map.of());
  }

  @Override
  protected long writeRange(long from, long to) {
    MapSqlParameterSource params = new MapSqlParameterSource(audience.parameters())
        .addValue("campaignId", campaign.id())
        .addValue("versionHash", campaign.versionHash())
        .addValue("enrolledAt", UtcTime.toDb(asOf))
        .addValue("fromId", from)
        .addValue("toId", to);
    return jdbc.update(ENROLL.formatted(audience.sql()), params);
  }
}
