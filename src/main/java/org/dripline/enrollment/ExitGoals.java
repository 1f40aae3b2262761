package org.dripline.enrollment;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.dripline.campaign.Campaign;
import org.dripline.infra.Selection;
import org.dripline.segment.AudienceSql;

/**
 * Who leaves a series because they met its goal ({@code exit_when}, a segment rule): enrollments
 * still ACTIVE whose subscriber the rule matches at the run's {@code asOf}. The one statement of
 * that rule: {@code exitGoalStep} ({@link GoalExits}) marks them {@link EnrollmentState#GOAL_MET}
 * one id range at a time before planning, so they get no further step, and the dry run counts
 * {@link #all}. Sendability does not matter: an unsubscribed reader who bought still met the goal.
 */
public final class ExitGoals {

  // The enrollments the rule is judged for, over enrollments e: this campaign's, still in the series.
  private static final String ENROLLED = "e.campaign_id = :campaignId and " + ActiveEnrollment.ACTIVE
      + " and e.subscriber_id between :fromId and :toId";
  // For counting and sampling (s.email), as the dry run's selections are.
  private static final String FROM = """
      from enrollments e join subscribers s on s.id = e.subscriber_id
      where %s
        and (%%s)
      """.formatted(ENROLLED);
  // For the UPDATE, where a join cannot go: the same enrollments, the same rule, per row. The
  // rule reads subscribers, tags, attributes, deliveries and events, never enrollments, so MySQL's
  // "target table in FROM" restriction does not apply.
  static final String MATCHING = ENROLLED + """

        and exists (select 1 from subscribers s where s.id = e.subscriber_id and (%s))""";

  private ExitGoals() {
  }

  /** The campaign's goal at {@code asOf} over {@code subscribers s}; empty without {@code exit_when}. */
  public static Optional<AudienceSql.Condition> rule(Campaign campaign, Instant asOf) {
    return Optional.ofNullable(campaign.lifecycle().exitWhen())
        .map(goal -> AudienceSql.compile(goal, "goal", asOf));
  }

  /** Enrollments among subscriber ids {@code fromId} to {@code toId} meeting {@code goal}. */
  public static Selection among(String campaignId, AudienceSql.Condition goal, long fromId, long toId) {
    return new Selection(FROM.formatted(goal.sql()), parameters(campaignId, goal, fromId, toId));
  }

  /**
   * Every enrollment a run at {@code asOf} takes out of the series as a goal completion (those
   * already enrolled when the step runs; newcomers of the same run who already meet the goal are
   * enrolled first and leave too, see {@link #newcomers}). Without {@code exit_when}: none.
   */
  public static Selection all(Campaign campaign, Instant asOf) {
    AudienceSql.Condition goal = rule(campaign, asOf).orElse(new AudienceSql.Condition("1 = 0", Map.of()));
    return among(campaign.id(), goal, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /**
   * The newcomers of the same run who meet the goal at once (enrolled, then out before planning,
   * so they get nothing): {@link Newcomers#all} narrowed by the goal. Without {@code exit_when}: none.
   */
  public static Selection newcomers(Campaign campaign, Instant asOf) {
    AudienceSql.Condition goal = rule(campaign, asOf).orElse(new AudienceSql.Condition("1 = 0", Map.of()));
    return Newcomers.all(campaign, asOf).and(goal.sql(), goal.parameters());
  }

  static Map<String, Object> parameters(String campaignId, AudienceSql.Condition goal, long fromId, long toId) {
    Map<String, Object> parameters = new HashMap<>(goal.parameters());
    parameters.put("campaignId", campaignId);
    parameters.put("fromId", fromId);
    parameters.put("toId", toId);
    return parameters;
  }
}
