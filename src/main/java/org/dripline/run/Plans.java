package org.dripline.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.Schedule;
import org.dripline.campaign.Step;
import org.dripline.infra.RowCap;
import org.dripline.infra.UtcTime;
import org.dripline.segment.AudienceSql;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The dry run behind {@code plan} and the API's {@code dryRun}: the same conditions as enrollment
 * and due-step planning, asked as read-only counts (grouped by timezone to judge the send
 * windows), so it is exact and writes nothing. One simplification: a step skipped by its
 * condition in this run lets the next step follow only in the real run, so such a follow-up shows
 * in the next plan rather than this one.
 */
@Service
public class Plans {

  private static final int SAMPLE = 3;

  // Newcomers: who enrollment would add now (mirrors the enrollment step's reader).
  private static final String NEWCOMERS = """
      from subscribers s
      where s.status = 'ACTIVE' and (%s)
        and not exists (select 1 from suppressions x where x.email = s.email)
        and not exists (select 1 from enrollments e where e.campaign_id = :campaignId and e.subscriber_id = s.id)
      """;
  // Enrollments planning would give this step now (mirrors DueStepPlanner's insert ... select).
  private static final String DUE_STEP = """
      from enrollments e join subscribers s on s.id = e.subscriber_id
      where e.campaign_id = :campaignId and e.state = 'ACTIVE' and e.enrolled_at <= :enrolledBefore
        and s.status = 'ACTIVE'
        and not exists (select 1 from suppressions x where x.email = s.email)
        and not exists (select 1 from deliveries d
                        where d.campaign_id = e.campaign_id and d.step_id = :stepId and d.subscriber_id = e.subscriber_id)
      """;
  private static final String AFTER_PREVIOUS = """
        and exists (select 1 from deliveries p
                    where p.campaign_id = e.campaign_id and p.step_id = :previousStepId
                      and p.subscriber_id = e.subscriber_id and p.status in ('SENT', 'SKIPPED'))
      """;
  // Rows planned by earlier runs and due now, with whether the claim would still send them.
  private static final String PLANNED = """
      select d.step_id, s.timezone,
             case when s.status = 'ACTIVE' and e.state = 'ACTIVE'
                   and (e.paused_until is null or e.paused_until <= :asOf)
                   and not exists (select 1 from suppressions x where x.email = s.email) then 1 else 0 end as sendable,
             count(*) as n
      from deliveries d join subscribers s on s.id = d.subscriber_id
           join enrollments e on e.campaign_id = d.campaign_id and e.subscriber_id = d.subscriber_id
      where d.campaign_id = :campaignId and d.status = 'PLANNED' and d.due_at <= :asOf
        and (d.next_attempt_at is null or d.next_attempt_at <= :asOf)
      group by d.step_id, s.timezone,
             case when s.status = 'ACTIVE' and e.state = 'ACTIVE'
                   and (e.paused_until is null or e.paused_until <= :asOf)
                   and not exists (select 1 from suppressions x where x.email = s.email) then 1 else 0 end
      """;

  private final CampaignCatalog catalog;
  private final NamedParameterJdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate sampler;

  public Plans(CampaignCatalog catalog, NamedParameterJdbcTemplate jdbc) {
    this.catalog = catalog;
    this.jdbc = jdbc;
    this.sampler = RowCap.of(jdbc, SAMPLE);
  }

  public PlanView plan(String campaignId, Instant asOf) {
    Campaign campaign = catalog.load(campaignId);
    Schedule schedule = campaign.schedule();
    AudienceSql.Condition audience = AudienceSql.compile(campaign.audience(), "audience", asOf);
    MapSqlParameterSource newcomers = new MapSqlParameterSource(audience.parameters())
        .addValue("campaignId", campaign.id());
    String newcomersFrom = NEWCOMERS.formatted(audience.sql());
    Long enrolling = jdbc.queryForObject("select count(*) " + newcomersFrom, newcomers, Long.class);

    Map<String, Tally> tallies = new HashMap<>();
    jdbc.query(PLANNED, Map.of("campaignId", campaign.id(), "asOf", UtcTime.toDb(asOf)), rs -> {
      Tally tally = tallies.computeIfAbsent(rs.getString("step_id"), k -> new Tally());
      long n = rs.getLong("n");
      if (rs.getInt("sendable") == 0) {
        tally.notSendable += n;
      } else if (schedule.open(asOf, rs.getString("timezone"))) {
        tally.send += n;
      } else {
        tally.outsideWindow += n;
      }
    });

    List<PlanView.StepPlan> steps = new ArrayList<>();
    List<Step> all = campaign.steps();
    for (int i = 0; i < all.size(); i++) {
      Step step = all.get(i);
      Tally tally = tallies.computeIfAbsent(step.id(), k -> new Tally());
      MapSqlParameterSource params = new MapSqlParameterSource().addValue("campaignId", campaign.id())
          .addValue("stepId", step.id()).addValue("enrolledBefore", UtcTime.toDb(asOf.minus(step.offset())));
      String from = DUE_STEP;
      if (i > 0) {
        from += AFTER_PREVIOUS;
        params.addValue("previousStepId", all.get(i - 1).id());
      }
      List<String> sample = new ArrayList<>();
      AudienceSql.Condition when = step.when() == null ? null : AudienceSql.compile(step.when(), "when", asOf);
      if (when != null) {
        params.addValues(when.parameters());
      }
      count(from + (when == null ? "" : " and (" + when.sql() + ")"), params, schedule, asOf, tally, sample);
      if (when != null) {
        tally.conditionNotMet += jdbc.queryForObject("select count(*) " + from + " and not (" + when.sql() + ")",
            params, Long.class);
      }
      // Newcomers are enrolled at asOf, so only a first step due at once reaches them in this run.
      if (i == 0 && step.offset().isZero()) {
        MapSqlParameterSource first = new MapSqlParameterSource(newcomers.getValues());
        String newFrom = newcomersFrom;
        if (when != null) {
          first.addValues(when.parameters());
          tally.conditionNotMet += jdbc.queryForObject("select count(*) " + newFrom + " and not (" + when.sql() + ")",
              first, Long.class);
          newFrom += " and (" + when.sql() + ")";
        }
        count(newFrom, first, schedule, asOf, tally, sample);
      }
      steps.add(new PlanView.StepPlan(step.id(), tally.send, tally.outsideWindow, tally.conditionNotMet,
          tally.notSendable, List.copyOf(sample.subList(0, Math.min(SAMPLE, sample.size())))));
    }
    return new PlanView(campaign.id(), asOf, enrolling == null ? 0 : enrolling, List.copyOf(steps));
  }

  /** Counts by timezone (to judge each local send window) and keeps a small sample of addresses. */
  private void count(String from, MapSqlParameterSource params, Schedule schedule, Instant asOf, Tally tally,
      List<String> sample) {
    jdbc.query("select s.timezone, count(*) as n " + from + " group by s.timezone", params, rs -> {
      long n = rs.getLong("n");
      if (schedule.open(asOf, rs.getString("timezone"))) {
        tally.send += n;
      } else {
        tally.outsideWindow += n;
      }
    });
    if (sample.size() < SAMPLE) {
      sample.addAll(sampler.queryForList("select s.email " + from + " order by s.id", params, String.class));
    }
  }

  private static final class Tally {
    long send;
    long outsideWindow;
    long conditionNotMet;
    long notSendable;
  }
}
