package org.dripline.newsletter;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dripline.campaign.Broadcast;
import org.dripline.campaign.Campaign;
import org.dripline.delivery.DeliveryLedger;
import org.dripline.delivery.DeliveryStatus;
import org.dripline.infra.Selection;
import org.dripline.infra.UtcTime;
import org.dripline.lists.ListMemberships;
import org.dripline.newsletter.ab.AbReport;
import org.dripline.newsletter.ab.VariantAssignment;
import org.dripline.newsletter.ab.VariantResults;
import org.dripline.newsletter.ab.WinnerChoice;
import org.dripline.segment.AudienceSql;
import org.dripline.subscriber.Sendable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The phases of sending an issue, each safe to run again: the snapshot (once; later joiners only
 * with {@code late_joiners: true}), planning the ledger rows from it (the ledger's anti-join makes a
 * second plan a no-op), the A/B winner (recorded once), and the end. The recipients table gives each
 * person one variant; the ledger gives each person one send.
 */
@Component
public class NewsletterSending {

  private static final Logger log = LoggerFactory.getLogger(NewsletterSending.class);

  // The snapshot, set-based so a million members never pass through Java: the SUBSCRIBED members of
  // the issue's lists (ListMemberships' fragment), sendable (ACTIVE, not suppressed: Sendable), matching
  // the segment (%3$s), not yet recipients (a second snapshot for late joiners adds only the new ones).
  // %1$s is the variant expression (A/B: VariantAssignment's SQL form, else null).
  private static final String SNAPSHOT = """
      insert into newsletter_recipients (issue_id, subscriber_id, variant, added_at)
      select :issueId, s.id, %1$s, :now
        from subscribers s %2$s
        left join newsletter_recipients r on r.issue_id = :issueId and r.subscriber_id = s.id
       where s.id in (%4$s) and %5$s and r.subscriber_id is null and (%3$s)
      """;
  // Who is in the snapshot, by variant (null: the rest, or everyone without A/B).
  private static final String BY_VARIANT = """
      select variant, count(*) as n from newsletter_recipients where issue_id = :issueId group by variant
      """;
  // The zones of this issue's recipients, for a local send_at: one due time per zone.
  private static final String ZONES = """
      select distinct s.timezone from newsletter_recipients r join subscribers s on s.id = r.subscriber_id
       where r.issue_id = :issueId and s.timezone is not null
      """;
  // The recipients planning reads: one variant's, or the rest; never those of a cancelled issue
  // (checked in the same statement, so a cancel between the state read and the insert still wins).
  private static final String RECIPIENTS = """
      from newsletter_recipients r join subscribers s on s.id = r.subscriber_id
      where r.issue_id = :issueId and %s
        and exists (select 1 from newsletter_issues ni where ni.issue_id = :issueId and ni.state <> 'CANCELLED')
      """;

  private final NamedParameterJdbcTemplate jdbc;
  private final NewsletterIssues issues;
  private final DeliveryLedger ledger;
  private final VariantResults results;
  private final ApplicationEventPublisher events;

  public NewsletterSending(NamedParameterJdbcTemplate jdbc, NewsletterIssues issues, DeliveryLedger ledger,
      VariantResults results, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.issues = issues;
    this.ledger = ledger;
    this.results = results;
    this.events = events;
  }

  /**
   * Takes the audience snapshot once (in the caller's transaction: the rows and the mark commit
   * together); afterwards adds later joiners only if the issue allows it. Returns the rows added.
   */
  public long snapshot(Campaign issue, Instant asOf) {
    NewsletterIssues.Issue row = issues.find(issue.id()).orElseThrow(() -> new IllegalStateException(
        "newsletter issue '" + issue.id() + "' has no row: start it with `newsletter send` or `schedule`"));
    if (row.state() == NewsletterState.CANCELLED || row.state() == NewsletterState.SENT) {
      return 0;
    }
    Broadcast broadcast = issue.broadcast();
    boolean first = row.snapshotAt() == null;
    if (!first && !broadcast.lateJoiners()) {
      return 0;
    }
    MapSqlParameterSource params = new MapSqlParameterSource("issueId", issue.id())
        .addValue("now", UtcTime.toDb(asOf)).addValue("listIds", broadcast.lists());
    String variant = "null";
    if (first && broadcast.abTest() != null) {
      VariantAssignment assignment = assignment(issue);
      variant = assignment.sqlVariant("s.id");
      params.addValues(assignment.sqlParameters());
    }
    AudienceSql.Condition segment = AudienceSql.compile(issue.audience(), "seg_", asOf);
    params.addValues(segment.parameters());
    long added = jdbc.update(SNAPSHOT.formatted(variant, Sendable.JOIN, segment.sql(),
        ListMemberships.SUBSCRIBED_MEMBER_IDS, Sendable.WHERE), params);
    if (first) {
      if (!issues.recordSnapshot(issue, added, asOf)) {
        // Another process took the snapshot between our read and now: undo ours with the transaction.
        throw new IllegalStateException("newsletter issue '" + issue.id() + "': the snapshot was taken concurrently");
      }
      log.info("Newsletter {}: audience snapshot of {} recipients", issue.id(), added);
      // The content it goes out with is this file as loaded now: the archive keeps its copy of it.
      events.publishEvent(new IssueSent(issue, null, asOf));
    } else {
      issues.addRecipients(issue.id(), added, asOf);
    }
    return added;
  }

  /**
   * Cancels the issue before or during sending: the state first (planning and the claim check it in
   * their own statements), then its PLANNED rows become SKIPPED. Messages already claimed finish as
   * they are; nothing is sent twice and nothing more is sent. Returns the rows cancelled.
   */
  public int cancel(String issueId, Instant now) {
    NewsletterIssues.Issue row = issues.find(issueId).orElseThrow(() -> new org.dripline.infra.NotFoundException(
        "newsletter issue '" + issueId + "' was never sent or scheduled: nothing to cancel"));
    if (!issues.cancel(issueId, now)) {
      throw new org.dripline.infra.ConflictException("newsletter issue '" + issueId + "' is " + row.state()
          + ": only a scheduled or sending issue can be cancelled");
    }
    int cancelled = ledger.cancelPlanned(issueId, "newsletter issue cancelled at " + now);
    log.info("Newsletter {}: cancelled, {} planned deliveries will not be sent", issueId, cancelled);
    return cancelled;
  }

  /** Recipients by variant (key null: the rest, or everyone without A/B). */
  public Map<String, Long> recipientsByVariant(String issueId) {
    Map<String, Long> counts = new LinkedHashMap<>();
    jdbc.query(BY_VARIANT, Map.of("issueId", issueId), rs -> {
      counts.put(rs.getString("variant"), rs.getLong("n"));
    });
    return counts;
  }

  /**
   * Plans the ledger rows that are due to exist at {@code asOf}: without A/B everyone's; with A/B
   * each test variant's, then, once the window is over, the winner (chosen and recorded once) for
   * the rest. Returns the rows written.
   */
  public long plan(Campaign issue, Instant asOf) {
    NewsletterIssues.Issue row = issues.find(issue.id()).orElse(null);
    if (row == null || row.snapshotAt() == null || row.state().finished()) {
      return 0;
    }
    Broadcast broadcast = issue.broadcast();
    Map<String, Instant> dueByZone = dueByZone(issue, row, null);
    Instant defaultDue = due(broadcast, row, null, null);
    if (broadcast.abTest() == null) {
      return ledger.planSelected(issue.id(), issue.steps().get(0).id(), recipients(issue.id(), null, false),
          dueByZone, defaultDue, asOf);
    }
    long planned = 0;
    for (String variant : issue.stepIds()) {
      planned += ledger.planSelected(issue.id(), variant, recipients(issue.id(), variant, false), dueByZone,
          defaultDue, asOf);
    }
    String winner = row.winner();
    Instant winnerAt = row.winnerAt();
    if (winnerDue(issue, row, asOf)) {
      WinnerChoice.Result result = WinnerChoice.choose(results.tally(issue.id(), issue.stepIds()),
          broadcast.abTest().metric());
      if (issues.recordWinner(issue.id(), result.winner(), asOf)) {
        AbReport.lines(result, broadcast.abTest().metric()).forEach(line -> log.info("Newsletter {}: {}", issue.id(), line));
        // The rest gets the winner as this run loaded it: the archive's copy becomes that one.
        events.publishEvent(new IssueSent(issue, result.winner(), asOf));
      }
      NewsletterIssues.Issue now = issues.find(issue.id()).orElseThrow();
      winner = now.winner();
      winnerAt = now.winnerAt();
    }
    if (winner != null) {
      planned += ledger.planSelected(issue.id(), winner, recipients(issue.id(), null, true),
          dueByZone(issue, row, winnerAt), due(broadcast, row, null, winnerAt), asOf);
    }
    return planned;
  }

  /**
   * Whether a run at {@code at} chooses the A/B winner: the issue tests variants, has no winner yet and
   * its window (from the test send) is over. The one rule for planning and for {@code newsletter send}.
   */
  public static boolean winnerDue(Campaign issue, NewsletterIssues.Issue row, Instant at) {
    return issue.broadcast() != null && issue.broadcast().abTest() != null && row.winner() == null
        && row.testSentAt() != null && !at.isBefore(row.testSentAt().plus(issue.broadcast().abTest().window()));
  }

  /** The issue ends (SENT) when everything it will send is planned and nothing is left PLANNED or in flight. */
  public boolean finishIfDone(Campaign issue, Instant now) {
    NewsletterIssues.Issue row = issues.find(issue.id()).orElse(null);
    if (row == null || (row.state() != NewsletterState.SENDING && row.state() != NewsletterState.SENDING_WINNER)) {
      return false;
    }
    if (issue.broadcast().lateJoiners()) {
      return false; // it keeps taking joiners until cancelled
    }
    Map<DeliveryStatus, Long> counts = ledger.counts(issue.id());
    if (counts.getOrDefault(DeliveryStatus.PLANNED, 0L) > 0 || counts.getOrDefault(DeliveryStatus.SENDING, 0L) > 0) {
      return false;
    }
    return issues.finish(issue.id(), now);
  }

  /** The assignment of an A/B-tested issue: its seed, its variants in file order, its test share. */
  public static VariantAssignment assignment(Campaign issue) {
    Broadcast.AbTest ab = issue.broadcast().abTest();
    return new VariantAssignment(ab.seed(), issue.stepIds(), ab.testPercent());
  }

  private static Selection recipients(String issueId, String variant, boolean rest) {
    String condition = rest ? "r.variant is null" : variant == null ? "1 = 1" : "r.variant = :variant";
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("issueId", issueId);
    if (variant != null) {
      params.put("variant", variant);
    }
    return new Selection(RECIPIENTS.formatted(condition), params);
  }

  /** Per zone of the recipients, when a local send_at reaches it (empty for an instant, or a send now). */
  private Map<String, Instant> dueByZone(Campaign issue, NewsletterIssues.Issue row, Instant floor) {
    Broadcast broadcast = issue.broadcast();
    Map<String, Instant> due = new LinkedHashMap<>();
    if (row.sendMode() == NewsletterIssues.SendMode.NOW || broadcast.sendAt().localTime() == null) {
      return due;
    }
    for (String zone : jdbc.queryForList(ZONES, Map.of("issueId", issue.id()), String.class)) {
      ZoneId id = zoneOrNull(zone);
      if (id != null) {
        due.put(zone, due(broadcast, row, id, floor));
      }
    }
    return due;
  }

  /** When a subscriber in {@code zone} (null: the fallback) gets it: send now, send_at, never before {@code floor}. */
  private static Instant due(Broadcast broadcast, NewsletterIssues.Issue row, ZoneId zone, Instant floor) {
    Instant at = row.sendMode() == NewsletterIssues.SendMode.NOW ? row.sendFrom() : broadcast.sendAt().forZone(zone);
    return floor != null && floor.isAfter(at) ? floor : at;
  }

  private static ZoneId zoneOrNull(String zone) {
    try {
      return ZoneId.of(zone);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
