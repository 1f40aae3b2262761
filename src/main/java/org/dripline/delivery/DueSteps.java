package org.dripline.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.Step;
import org.dripline.enrollment.ActiveEnrollment;
import org.dripline.infra.Selection;
import org.dripline.infra.UtcTime;
import org.dripline.segment.AudienceSql;
import org.dripline.subscriber.Sendable;

/**
 * Which enrollments get a step when due-step planning passes at {@code asOf}: the one statement of
 * that rule. Enrollments follow the structure of the version they are pinned to, so each rule is
 * over one {@link FollowedStructure} and the enrollments pinned to its versions. The planner inserts {@link #planned} one id range at a time; the dry run counts
 * {@link #inOnePass} and {@link #forNewlyEnrolled}, which follow the planner's pass step by step.
 *
 * <p>A step is planned only once the previous step of the same subscriber is SENT or SKIPPED:
 * someone whose series fell behind catches up one email per run. The planner plans a range's
 * steps in order and records a conditional step's non-matching subscribers SKIPPED at once, so
 * the next step, when due, follows in the same pass.
 */
public final class DueSteps {

  // Over enrollments e and subscribers s: enrollments old enough for the step (:enrolledBefore),
  // in one range of subscriber ids, without a row for the step yet. The anti-joins (LEFT JOIN ...
  // IS NULL) make planning twice a no-op; the unique key would reject a concurrent duplicate
  // anyway. Written as joins, not NOT EXISTS: MariaDB turns NOT EXISTS into a materialized NOT IN
  // that reads the whole ledger once per range, quadratic in the audience. The first %s is where
  // later steps join their previous step.
  private static final String FROM = """
      from enrollments e join subscribers s on s.id = e.subscriber_id%s
           %s
           left join deliveries d on d.campaign_id = e.campaign_id and d.step_id = :stepId
                                 and d.subscriber_id = e.subscriber_id
      where e.campaign_id = :campaignId and e.version_hash in (:versions) and %s and e.enrolled_at <= :enrolledBefore
        and e.subscriber_id between :fromId and :toId and %s
        and d.id is null
      """;
  // Later steps wait for the previous one to be done (sent, or skipped by a condition); the unique
  // key allows one such row per subscriber, so the join never multiplies rows.
  private static final String AFTER_PREVIOUS = """

           join deliveries p on p.campaign_id = e.campaign_id and p.step_id = :previousStepId
                            and p.subscriber_id = e.subscriber_id and p.status in ('SENT', 'SKIPPED')""";
  private static final String FIRST_STEP = FROM.formatted("", Sendable.JOIN, ActiveEnrollment.ACTIVE, Sendable.WHERE);
  private static final String LATER_STEP = FROM.formatted(AFTER_PREVIOUS, Sendable.JOIN, ActiveEnrollment.ACTIVE,
      Sendable.WHERE);
  // Dry run only: the steps a same-pass skip leads through have no row yet. One count per plan,
  // not per range, so NOT EXISTS costs nothing here.
  private static final String NO_ROW_YET = """
      not exists (select 1 from deliveries f where f.campaign_id = e.campaign_id and f.subscriber_id = e.subscriber_id
                                              and f.step_id in (:followedSteps))""";

  private DueSteps() {
  }

  /** The enrollments among subscriber ids {@code fromId} to {@code toId} that step {@code index} is planned for. */
  public static Selection planned(FollowedStructure followed, int index, Instant asOf, long fromId, long toId) {
    List<Step> steps = followed.steps();
    Step step = steps.get(index);
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("campaignId", followed.campaignId());
    parameters.put("versions", followed.versions());
    parameters.put("stepId", step.id());
    parameters.put("enrolledBefore", UtcTime.toDb(asOf.minus(step.offset())));
    parameters.put("fromId", fromId);
    parameters.put("toId", toId);
    if (index == 0) {
      return new Selection(FIRST_STEP, parameters);
    }
    parameters.put("previousStepId", steps.get(index - 1).id());
    return new Selection(LATER_STEP, parameters);
  }

  /**
   * Who step {@code index} goes to among those {@link #planned} selects, over {@code subscribers s}:
   * null for everyone, else the step's condition; a retired step (its content is gone) matches
   * nobody, so planning records it skipped and the next step follows.
   */
  public static AudienceSql.Condition condition(FollowedStructure followed, int index, String prefix, Instant asOf) {
    Step step = followed.steps().get(index);
    if (followed.isRetired(step)) {
      return new AudienceSql.Condition("1 = 0", Map.of());
    }
    return judged(followed, index) ? AudienceSql.compile(step.when(), prefix, asOf) : null;
  }

  /** Whether {@link #condition} is not null: the step may be skipped at planning. */
  private static boolean judged(FollowedStructure followed, int index) {
    Step step = followed.steps().get(index);
    return followed.isRetired(step) || step.when() != null;
  }

  /**
   * Every enrollment (already there when planning starts) a pass at {@code asOf} gives step
   * {@code index}, as disjoint selections: those {@link #planned} selects, then those reaching it
   * after an earlier step of this pass skipped them, one selection per step where such a chain of
   * skips can start (it goes back only through conditional or retired steps).
   */
  public static List<Selection> inOnePass(FollowedStructure followed, int index, Instant asOf) {
    List<Step> steps = followed.steps();
    List<Selection> ways = new ArrayList<>();
    ways.add(planned(followed, index, asOf, Long.MIN_VALUE, Long.MAX_VALUE));
    for (int start = index - 1; start >= 0 && judged(followed, start); start--) {
      // Planned at `start` in this pass and skipped there and at every step up to this one, which
      // is due (and so, as offsets never decrease, are those between) and, like them, has no row yet.
      AudienceSql.Condition skipped = skippedBy(followed, start, index, asOf);
      Selection way = planned(followed, start, asOf, Long.MIN_VALUE, Long.MAX_VALUE)
          .and(skipped.sql(), skipped.parameters())
          .and("e.enrolled_at <= :followedBefore",
              Map.of("followedBefore", UtcTime.toDb(asOf.minus(steps.get(index).offset()))))
          .and(NO_ROW_YET, Map.of("followedSteps", steps.subList(start + 1, index + 1).stream().map(Step::id).toList()));
      ways.add(way);
    }
    return ways;
  }

  /**
   * For subscribers the same run enrolls (at {@code asOf}, so only steps with a zero offset are
   * due for them): the condition over {@code subscribers s} under which this pass gives them step
   * {@code index}, or empty when it cannot (a step up to it waits, or one before it has no
   * condition and is planned instead).
   */
  public static Optional<AudienceSql.Condition> forNewlyEnrolled(Campaign campaign, int index, Instant asOf) {
    List<Step> steps = campaign.steps();
    for (int i = 0; i <= index; i++) {
      if (!steps.get(i).offset().isZero() || (i < index && steps.get(i).when() == null)) {
        return Optional.empty();
      }
    }
    // Newcomers follow the file as it is, which has no retired steps.
    FollowedStructure current = new FollowedStructure(campaign.id(), steps, List.of(campaign.versionHash()), Set.of());
    return Optional.of(skippedBy(current, 0, index, asOf));
  }

  /** Steps {@code from} (inclusive) to {@code to} (exclusive), all conditional or retired, each not matching. */
  private static AudienceSql.Condition skippedBy(FollowedStructure followed, int from, int to, Instant asOf) {
    List<String> parts = new ArrayList<>();
    Map<String, Object> parameters = new LinkedHashMap<>();
    for (int i = from; i < to; i++) {
      AudienceSql.Condition when = condition(followed, i, "skipped" + i + "_", asOf);
      parts.add("not (" + when.sql() + ")");
      parameters.putAll(when.parameters());
    }
    return new AudienceSql.Condition(parts.isEmpty() ? "1 = 1" : String.join(" and ", parts), parameters);
  }
}
