package org.dripline.enrollment;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.dripline.campaign.Campaign;
import org.dripline.infra.ConcurrentWrites;
import org.dripline.infra.IdRangeTasklet;
import org.dripline.segment.AudienceSql;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * {@code exitGoalStep}'s work: the enrollments that meet the campaign's {@code exit_when} goal
 * ({@link ExitGoals}) leave the series as {@link EnrollmentState#GOAL_MET}, with one set-based
 * UPDATE per range of subscriber ids (and per committed transaction), after enrollment and before
 * planning, so a subscriber who met the goal is planned nothing more, and whatever was planned
 * for them already is skipped by the claim. Idempotent (only ACTIVE rows change), so a range done
 * twice after a crash changes nothing twice. Without {@code exit_when} it does nothing.
 */
class GoalExits extends IdRangeTasklet {

  static final String NEXT_FROM_ID = "goals.nextFromId";

  // The span of this campaign's enrollments, walked in bounded ranges like the enrollment step's.
  private static final String SPAN = """
      select min(subscriber_id) as low, max(subscriber_id) as high from enrollments where campaign_id = :campaignId
      """;
  // ExitGoals.MATCHING over the row being updated (aliased e, as the rule expects).
  private static final String LEAVE = "update enrollments e set state = :goalMet where ";

  private final NamedParameterJdbcTemplate jdbc;
  private final String campaignId;
  // Compiled once per step execution, not per range; empty without exit_when.
  private final Optional<AudienceSql.Condition> goal;

  GoalExits(NamedParameterJdbcTemplate jdbc, ConcurrentWrites writes, Campaign campaign, Instant asOf, int range) {
    super(NEXT_FROM_ID, range, writes);
    this.jdbc = jdbc;
    this.campaignId = campaign.id();
    this.goal = ExitGoals.rule(campaign, asOf);
  }

  @Override
  protected Map<String, Object> span() {
    if (goal.isEmpty()) {
      return java.util.Collections.singletonMap("low", null);
    }
    return jdbc.queryForMap(SPAN, Map.of("campaignId", campaignId));
  }

  @Override
  protected long writeRange(long from, long to) {
    AudienceSql.Condition condition = goal.orElseThrow();
    MapSqlParameterSource params = new MapSqlParameterSource(ExitGoals.parameters(campaignId, condition, from, to))
        .addValue("goalMet", EnrollmentState.GOAL_MET.name());
    return jdbc.update(LEAVE + ExitGoals.MATCHING.formatted(condition.sql()), params);
  }
}
