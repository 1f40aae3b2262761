package org.dripline.delivery.planning;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.Step;
import org.dripline.delivery.DueSteps;
import org.dripline.delivery.FollowedStructure;
import org.dripline.enrollment.ActiveEnrollment;
import org.dripline.infra.ConcurrentWrites;
import org.dripline.infra.IdRangeTasklet;
import org.dripline.infra.Selection;
import org.dripline.infra.UtcTime;
import org.dripline.segment.AudienceSql;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Inserts the deliveries that are due at {@code asOf} into the ledger, set-based, one range of
 * subscriber ids per call (and per committed transaction). The position is kept in the step's
 * execution context, so a restart goes on from the first range not yet committed. Who gets which
 * step is {@link DueSteps}' rule.
 */
class DueStepPlanner extends IdRangeTasklet {

  // Rows the current range recorded SKIPPED (a when that does not match), for the step's filter count.
  private long skippedInRange;

  static final String NEXT_FROM_ID = "planning.nextFromId";

  // The id span of this campaign's enrollments, so planning walks it in bounded ranges.
  private static final String SPAN = """
      select min(subscriber_id) as low, max(subscriber_id) as high from enrollments where campaign_id = :campaignId
      """;
  // One step for one range: writes DueSteps.planned's selection (which the dry run counts too).
  // %s is the status, attempts, planned_at and last_error: given, or judged by the step's
  // when-condition, PLANNED where it holds and SKIPPED with the reason where it does not.
  private static final String PLAN = """
      insert into deliveries (campaign_id, step_id, subscriber_id, due_at, status, attempts, planned_at, last_error)
      select e.campaign_id, :stepId, e.subscriber_id, timestampadd(SECOND, :offsetSeconds, e.enrolled_at),
             %s
      """;
  private static final String STATUS_AND_REASON = ":status, 0, :now, :reason";
  // A conditional step: PLANNED where the condition holds, SKIPPED with the reason where it does not.
  private static final String JUDGED = """
      case when (%s) then 'PLANNED' else 'SKIPPED' end, 0, :now, case when (%s) then null else :reason end""";
  // How many of the rows just written for this range were skipped, so the step counts only planned ones.
  private static final String SKIPPED_NOW = """
      select count(*) from deliveries where campaign_id = :campaignId and step_id = :stepId
        and subscriber_id between :fromId and :toId and status = 'SKIPPED' and planned_at = :now
      """;
  // The oldest enrollment of the campaign: a step whose offset puts every enrollment out of reach
  // is not due for anyone, and skipping it saves a scan of each range per step.
  private static final String OLDEST = """
      select min(e.enrolled_at) from enrollments e where e.campaign_id = :campaignId and %s
      """.formatted(ActiveEnrollment.ACTIVE);

  private final NamedParameterJdbcTemplate jdbc;
  private final Campaign campaign;
  private final List<FollowedStructure> structures;
  private final Instant asOf;
  private final Instant now;
  // Per structure, each step's condition, compiled once per step execution (null for steps without one).
  private final List<List<AudienceSql.Condition>> conditions;
  // Read once per step execution (this tasklet is step-scoped): an enrollment added after this
  // read is planned by the next run, as one added after the range was passed would be anyway.
  private Optional<LocalDateTime> oldestEnrollment;

  /**
   * @param structures what the campaign's enrollments follow, read when the step starts (after
   *                   enrollment, so this run's newcomers are among them)
   */
  DueStepPlanner(NamedParameterJdbcTemplate jdbc, ConcurrentWrites writes, Campaign campaign,
      List<FollowedStructure> structures, Instant asOf, Instant now, int range) {
    super(NEXT_FROM_ID, range, writes);
    this.jdbc = jdbc;
    this.campaign = campaign;
    this.structures = structures;
    this.asOf = asOf;
    // To the microsecond, as the column keeps it: SKIPPED_NOW finds this run's rows by planned_at = :now,
    // and a clock with nanoseconds would be rounded on the way in and never equal again.
    this.now = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    this.conditions = structures.stream().map(followed -> java.util.stream.IntStream.range(0, followed.steps().size())
        .mapToObj(i -> DueSteps.condition(followed, i, "when", asOf)).toList()).toList();
  }

  @Override
  protected Map<String, Object> span() {
    return jdbc.queryForMap(SPAN, Map.of("campaignId", campaign.id()));
  }

  /** False when even the oldest enrollment (as the step began) is too young for this step. */
  private boolean reachable(Step step) {
    if (oldestEnrollment == null) {
      oldestEnrollment = Optional.ofNullable(jdbc.queryForObject(OLDEST, Map.of("campaignId", campaign.id()),
          LocalDateTime.class));
    }
    return oldestEnrollment.map(oldest -> !oldest.isAfter(UtcTime.toDb(asOf.minus(step.offset())))).orElse(false);
  }

  /**
   * Counts the rows this call recorded SKIPPED as the step's filter count, so the run's summary
   * counts the skipped rows the report counts (RunView sums it with the send step's skips).
   */
  @Override
  public org.springframework.batch.infrastructure.repeat.RepeatStatus execute(
      org.springframework.batch.core.step.StepContribution contribution,
      org.springframework.batch.core.scope.context.ChunkContext chunkContext) {
    skippedInRange = 0;
    var status = super.execute(contribution, chunkContext);
    contribution.incrementFilterCount(skippedInRange);
    return status;
  }

  /**
   * One range, all steps of each followed structure, in order: a step skipped here lets the next
   * one follow in the same pass.
   */
  @Override
  protected long writeRange(long from, long to) {
    // Reset per attempt: a retried range's transaction rolled back its rows, and its count with them.
    skippedInRange = 0;
    long planned = 0;
    for (int f = 0; f < structures.size(); f++) {
      planned += writeRange(structures.get(f), conditions.get(f), from, to);
    }
    return planned;
  }

  private long writeRange(FollowedStructure followed, List<AudienceSql.Condition> judged, long from, long to) {
    long planned = 0;
    List<Step> steps = followed.steps();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (!reachable(step)) {
        continue;
      }
      Selection due = DueSteps.planned(followed, i, asOf, from, to);
      MapSqlParameterSource params = new MapSqlParameterSource(due.parameters())
          .addValue("offsetSeconds", step.offset().toSeconds())
          .addValue("now", UtcTime.toDb(now));
      AudienceSql.Condition condition = judged.get(i);
      if (condition == null) {
        planned += jdbc.update(PLAN.formatted(STATUS_AND_REASON) + due.from(),
            params.addValue("status", "PLANNED").addValue("reason", null, java.sql.Types.VARCHAR));
        continue;
      }
      // Judged now, at planning time: the non-matching are recorded SKIPPED so the next step can
      // follow. One pass decides both, so a conditional step reads its range once, not twice.
      params.addValues(condition.parameters());
      String decided = PLAN.formatted(JUDGED.formatted(condition.sql(), condition.sql())) + due.from();
      String reason = followed.isRetired(step) ? FollowedStructure.RETIRED_REASON : "condition not met at planning";
      int rows = jdbc.update(decided, params.addValue("reason", reason));
      int skipped = jdbc.queryForObject(SKIPPED_NOW, params, Integer.class);
      skippedInRange += skipped;
      planned += rows - skipped;
    }
    return planned;
  }
}
