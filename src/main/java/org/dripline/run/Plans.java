package org.dripline.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.Schedule;
import org.dripline.campaign.Step;
import org.dripline.delivery.DeliveryLedger;
import org.dripline.delivery.DueDeliveries;
import org.dripline.delivery.DueSteps;
import org.dripline.delivery.FollowedStructure;
import org.dripline.delivery.FollowedStructures;
import org.dripline.enrollment.ExitGoals;
import org.dripline.enrollment.Newcomers;
import org.dripline.campaign.CampaignVersions;
import java.util.function.UnaryOperator;
import org.dripline.infra.RowCap;
import org.dripline.infra.Selection;
import org.dripline.infra.UtcTime;
import org.dripline.segment.AudienceSql;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The dry run behind {@code plan} and the API's {@code dryRun}: it counts, read-only, the very
 * selections a run writes ({@link Newcomers} for the enrollment step, {@link DueSteps} for
 * planning, per structure the enrollments follow, including the steps that follow a conditional
 * skip in the same pass, and what the
 * ledger already holds due), and judges each message as the send step does: the subscriber's
 * local send window first, then the claim's re-check. So it writes nothing and matches what a run
 * at the same instant then does, as long as nothing changes in between.
 */
@Service
public class Plans {

  private static final int SAMPLE = 3;

  // Enrollments a step is planned for now, by timezone (for the send window) and by whether the
  // claim would take them at send time (a pause holds them). Derived tables, so the claim's own
  // predicate is grouped on; %s is the planner's selection.
  private static final String ENROLLED_BY_ZONE = """
      select timezone, claimable, count(*) as n
      from (select newrow.timezone, case when %s then 1 else 0 end as claimable
            from (select s.timezone, e.campaign_id, e.subscriber_id %%s) newrow) judged
      group by timezone, claimable
      """.formatted(DueDeliveries.claimable("newrow"));
  // Newcomers reaching a step, by timezone: the same run enrolls them ACTIVE and without a pause,
  // so the claim takes them; %s is the enrollment step's selection.
  private static final String NEWCOMERS_BY_ZONE = """
      select s.timezone, 1 as claimable, count(*) as n %s group by s.timezone
      """;

  private final CampaignCatalog catalog;
  private final NamedParameterJdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate sampler;
  private final DeliveryLedger ledger;
  private final FollowedStructures structures;
  private final CampaignVersions versions;

  public Plans(CampaignCatalog catalog, NamedParameterJdbcTemplate jdbc, DeliveryLedger ledger,
      FollowedStructures structures, CampaignVersions versions) {
    this.structures = structures;
    this.versions = versions;
    this.catalog = catalog;
    this.jdbc = jdbc;
    this.sampler = RowCap.of(jdbc, SAMPLE);
    this.ledger = ledger;
  }

  public PlanView plan(String campaignId, Instant asOf) {
    Campaign campaign = catalog.load(campaignId);
    Schedule schedule = campaign.schedule();
    Selection newcomers = Newcomers.all(campaign, asOf);
    long enrolling = count(newcomers);
    // exit_when is judged after enrollment and before planning: those it takes out get nothing.
    Optional<AudienceSql.Condition> goal = ExitGoals.rule(campaign, asOf);
    long exits = goal.isEmpty() ? 0 : count(ExitGoals.all(campaign, asOf)) + count(ExitGoals.newcomers(campaign, asOf));
    UnaryOperator<Selection> staying = selection -> goal.map(g -> selection.and("not (" + g.sql() + ")",
        g.parameters())).orElse(selection);

    Map<String, Tally> tallies = new HashMap<>();
    for (DeliveryLedger.DueGroup due : ledger.dueNow(campaign.id(), asOf)) {
      tallies.computeIfAbsent(due.stepId(), k -> new Tally())
          .add(schedule.open(asOf, due.timezone()), due.claimable(), due.count());
    }

    // Each structure the enrollments follow, step by step; the tallies add up per step id. A
    // retired step (pinned structures only) counts as skipped, as planning records it.
    Map<String, List<String>> samples = new HashMap<>();
    List<String> order = new ArrayList<>(campaign.stepIds());
    for (FollowedStructure followed : structures.of(campaign)) {
      List<Step> steps = followed.steps();
      for (int i = 0; i < steps.size(); i++) {
        Step step = steps.get(i);
        if (!order.contains(step.id())) {
          order.add(step.id());
        }
        Tally tally = tallies.computeIfAbsent(step.id(), k -> new Tally());
        List<String> sample = samples.computeIfAbsent(step.id(), k -> new ArrayList<>());
        AudienceSql.Condition when = DueSteps.condition(followed, i, "when", asOf);
        for (Selection planned : DueSteps.inOnePass(followed, i, asOf)) {
          judge(staying.apply(planned), ENROLLED_BY_ZONE, when, schedule, asOf, tally, sample);
        }
      }
    }
    List<Step> steps = campaign.steps();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      Optional<AudienceSql.Condition> reached = DueSteps.forNewlyEnrolled(campaign, i, asOf);
      if (reached.isPresent()) {
        AudienceSql.Condition when = step.when() == null ? null : AudienceSql.compile(step.when(), "when", asOf);
        judge(staying.apply(newcomers.and(reached.get().sql(), reached.get().parameters())), NEWCOMERS_BY_ZONE, when,
            schedule,
            asOf, tallies.computeIfAbsent(step.id(), k -> new Tally()),
            samples.computeIfAbsent(step.id(), k -> new ArrayList<>()));
      }
    }
    List<PlanView.StepPlan> plans = new ArrayList<>();
    for (String stepId : order) {
      Tally tally = tallies.computeIfAbsent(stepId, k -> new Tally());
      List<String> sample = samples.getOrDefault(stepId, List.of());
      plans.add(new PlanView.StepPlan(stepId, tally.send, tally.outsideWindow, tally.conditionNotMet,
          tally.notSendable, List.copyOf(sample.subList(0, Math.min(SAMPLE, sample.size())))));
    }
    boolean inForce = versions.inForce(campaign.id()).map(v -> v.versionHash().equals(campaign.versionHash()))
        .orElse(true);
    return new PlanView(campaign.id(), asOf, enrolling, List.copyOf(plans), exits, inForce);
  }

  /**
   * Those {@code selection} gives the step: the ones its condition does not match are recorded
   * skipped, the others are due now and counted by zone and claim ({@code byZone}), with a sample.
   */
  private void judge(Selection selection, String byZone, AudienceSql.Condition when, Schedule schedule,
      Instant asOf, Tally tally, List<String> sample) {
    Selection due = selection;
    if (when != null) {
      tally.conditionNotMet += count(selection.and("not (" + when.sql() + ")", when.parameters()));
      due = selection.and(when.sql(), when.parameters());
    }
    MapSqlParameterSource params = new MapSqlParameterSource(due.parameters()).addValue("asOf", UtcTime.toDb(asOf));
    jdbc.query(byZone.formatted(due.from()), params, rs -> {
      tally.add(schedule.open(asOf, rs.getString("timezone")), rs.getInt("claimable") == 1, rs.getLong("n"));
    });
    if (sample.size() < SAMPLE) {
      sample.addAll(sampler.queryForList("select s.email " + due.from() + " order by s.id", params, String.class));
    }
  }

  private long count(Selection selection) {
    Long count = jdbc.queryForObject("select count(*) " + selection.from(), selection.parameters(), Long.class);
    return count == null ? 0 : count;
  }

  /** Judged as the send step does: outside the local window it waits; inside, the claim decides. */
  private static final class Tally {
    long send;
    long outsideWindow;
    long conditionNotMet;
    long notSendable;

    void add(boolean windowOpen, boolean claimable, long n) {
      if (!windowOpen) {
        outsideWindow += n;
      } else if (claimable) {
        send += n;
      } else {
        notSendable += n;
      }
    }
  }
}
