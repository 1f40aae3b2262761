package org.dripline.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.Step;
import org.dripline.newsletter.Newsletters;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Builds campaign reports from the ledger, the tracking events and the bounce log with a few
 * grouped queries (one pass each over the campaign's rows, whatever its size). A newsletter issue's
 * audience and A/B outcome come from the newsletter module ({@link Newsletters#reportFacts}), which
 * owns its tables.
 */
@Service
public class CampaignReports {

  // One pass over the campaign's ledger, grouped by step: the counts every other number sits next to.
  private static final String LEDGER = """
      select step_id,
             sum(case when status = 'SENT' then 1 else 0 end) as sent,
             sum(case when status = 'FAILED' then 1 else 0 end) as failed,
             sum(case when status = 'SKIPPED' then 1 else 0 end) as skipped,
             sum(case when status = 'PLANNED' then 1 else 0 end) as pending,
             sum(case when status = 'SENDING' then 1 else 0 end) as ambiguous,
             sum(case when status = 'FAILED' and smtp_reply like '5%' then 1 else 0 end) as refused
      from deliveries where campaign_id = :campaignId
      group by step_id
      """;
  // Unique opens, clicks and unsubscribes per step: distinct deliveries, human and machine apart.
  private static final String EVENTS = """
      select d.step_id, e.type, e.machine, count(distinct e.delivery_id) as deliveries
      from events e join deliveries d on d.id = e.delivery_id
      where d.campaign_id = :campaignId
      group by d.step_id, e.type, e.machine
      """;
  // What the bounce mailbox said about this campaign's messages (matched to deliveries by bounceJob).
  private static final String BOUNCES = """
      select d.step_id, b.kind, count(distinct b.delivery_id) as deliveries
      from bounce_events b join deliveries d on d.id = b.delivery_id
      where d.campaign_id = :campaignId
      group by d.step_id, b.kind
      """;
  // Every click per link (not unique): which links readers use, and which scanners hit.
  private static final String LINKS = """
      select d.step_id, l.url,
             sum(case when e.machine = true then 0 else 1 end) as human,
             sum(case when e.machine = true then 1 else 0 end) as machine
      from events e join deliveries d on d.id = e.delivery_id join links l on l.id = e.link_id
      where d.campaign_id = :campaignId and e.type = 'CLICK'
      group by d.step_id, l.url
      """;
  // Who is in the series, and who left only this series (the preference page writes no event).
  private static final String ENROLLMENTS = """
      select count(*) as enrolled, sum(case when state = 'UNSUBSCRIBED' then 1 else 0 end) as left_series
      from enrollments where campaign_id = :campaignId
      """;

  private final NamedParameterJdbcTemplate jdbc;
  private final CampaignCatalog catalog;
  private final SampleSubjects subjects;
  private final VersionHistories versions;
  private final org.dripline.enrollment.Enrollments enrollments;
  private final Newsletters newsletters;

  public CampaignReports(NamedParameterJdbcTemplate jdbc, CampaignCatalog catalog, SampleSubjects subjects,
      VersionHistories versions,
      org.dripline.enrollment.Enrollments enrollments, Newsletters newsletters) {
    this.enrollments = enrollments;
    this.newsletters = newsletters;
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.subjects = subjects;
    this.versions = versions;
  }

  /** Throws NotFoundException for an unknown campaign, InvalidCampaignException for a broken file. */
  public CampaignReport report(String campaignId) {
    Campaign campaign = catalog.load(campaignId);
    Map<String, Object> id = Map.of("campaignId", campaign.id());
    Map<String, Counts> byStep = new HashMap<>();
    jdbc.query(LEDGER, id, rs -> {
      Counts counts = byStep.computeIfAbsent(rs.getString("step_id"), k -> new Counts());
      counts.sent = rs.getLong("sent");
      counts.failed = rs.getLong("failed");
      counts.skipped = rs.getLong("skipped");
      counts.pending = rs.getLong("pending");
      counts.ambiguous = rs.getLong("ambiguous");
      counts.bounces += rs.getLong("refused");
    });
    jdbc.query(EVENTS, id, rs -> {
      Counts counts = byStep.computeIfAbsent(rs.getString("step_id"), k -> new Counts());
      counts.event(rs.getString("type"), rs.getBoolean("machine"), rs.getLong("deliveries"));
    });
    long[] complaints = {0};
    jdbc.query(BOUNCES, id, rs -> {
      Counts counts = byStep.computeIfAbsent(rs.getString("step_id"), k -> new Counts());
      String kind = rs.getString("kind");
      long deliveries = rs.getLong("deliveries");
      if (kind.endsWith("_BOUNCE")) {
        counts.bounces += deliveries;
      } else if (kind.equals("UNSUBSCRIBE")) {
        counts.unsubscribes += deliveries;
      } else if (kind.equals("COMPLAINT")) {
        complaints[0] += deliveries;
      }
    });
    Map<String, SampleSubjects.Subject> rendered = subjects.of(campaign);
    List<StepReport> steps = new ArrayList<>();
    for (Step step : campaign.steps()) {
      Counts c = byStep.getOrDefault(step.id(), new Counts());
      SampleSubjects.Subject subject = rendered.get(step.id());
      steps.add(new StepReport(step.id(), subject.text(), subject.problem(), c.sent, c.failed, c.skipped, c.pending, c.ambiguous,
          c.opensHuman, c.opensMachine, c.clicksHuman, c.clicksMachine, c.unsubscribes, c.bounces));
    }
    List<String> order = campaign.steps().stream().map(Step::id).toList();
    List<LinkReport> links = new ArrayList<>(jdbc.query(LINKS, id, (rs, n) -> new LinkReport(rs.getString("step_id"),
        rs.getString("url"), rs.getLong("human"), rs.getLong("machine"))));
    links.sort(java.util.Comparator.comparingLong(LinkReport::clicksHuman).reversed()
        .thenComparing(l -> order.indexOf(l.stepId())).thenComparing(LinkReport::url));
    long unsubscribes = steps.stream().mapToLong(StepReport::unsubscribes).sum();
    long bounces = steps.stream().mapToLong(StepReport::bounces).sum();
    if (campaign.isBroadcast()) {
      // An issue enrols nobody and has no versions or goal: its audience is the newsletter module's snapshot.
      Newsletters.ReportFacts facts = newsletters.reportFacts(campaign);
      return new CampaignReport(campaign.id(), campaign.name(), CampaignReport.Kind.ISSUE, List.copyOf(steps),
          List.copyOf(links), unsubscribes, bounces, null, null, complaints[0], SampleSubjects.NOTE, null, null,
          facts.recipients(), facts.abTest());
    }
    Map<String, Object> enrollment = jdbc.queryForMap(ENROLLMENTS, id);
    return new CampaignReport(campaign.id(), campaign.name(), CampaignReport.Kind.DRIP, List.copyOf(steps),
        List.copyOf(links), unsubscribes, bounces, number(enrollment.get("enrolled")),
        number(enrollment.get("left_series")), complaints[0], SampleSubjects.NOTE, versions.history(campaign),
        enrollments.goalCompletions(campaign.id()), null, null);
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

  private static final class Counts {
    long sent;
    long failed;
    long skipped;
    long pending;
    long ambiguous;
    long opensHuman;
    long opensMachine;
    long clicksHuman;
    long clicksMachine;
    long unsubscribes;
    long bounces;

    void event(String type, boolean machine, long deliveries) {
      switch (type) {
        case "OPEN" -> {
          if (machine) {
            opensMachine += deliveries;
          } else {
            opensHuman += deliveries;
          }
        }
        case "CLICK" -> {
          if (machine) {
            clicksMachine += deliveries;
          } else {
            clicksHuman += deliveries;
          }
        }
        case "UNSUBSCRIBE" -> unsubscribes += deliveries;
        default -> {
          // other event types are not part of the report
        }
      }
    }
  }
}
