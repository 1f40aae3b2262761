package org.dripline.newsletter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dripline.campaign.Broadcast;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.delivery.DeliveryLedger;
import org.dripline.delivery.DeliveryStatus;
import org.dripline.delivery.SendFailure;
import org.dripline.delivery.TestSends;
import org.dripline.infra.InvalidInputException;
import org.dripline.lists.ListMemberships;
import org.dripline.newsletter.ab.AbReport;
import org.dripline.newsletter.ab.VariantResults;
import org.dripline.newsletter.ab.VariantTally;
import org.dripline.newsletter.ab.WinnerChoice;
import org.dripline.subscriber.SubscriberDirectory;
import org.dripline.subscriber.SubscriberProfile;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * What the CLI and the API do with an issue besides sending it: its status, a test send, a cancel.
 * (Sending and scheduling start runs: {@code run.NewsletterRuns}.)
 */
@Service
public class Newsletters {

  // The sample a test send renders for: the first SUBSCRIBED member of the issue's lists, by id.
  private static final String SAMPLE = "select min(ls.subscriber_id) from (" + ListMemberships.SUBSCRIBED_MEMBER_IDS + ") ls";

  /** An issue as {@code newsletter status} shows it. */
  public record Status(String id, String name, List<String> lists, String state, String sendMode, Instant sendFrom,
      Instant snapshotAt, Long recipients, Map<String, Long> recipientsByVariant, Map<String, Long> deliveries,
      String winner, Instant winnerAt, Instant finishedAt, Instant cancelledAt, List<String> abReport) {

    /** Lines for a terminal. */
    public List<String> lines() {
      List<String> lines = new ArrayList<>();
      lines.add(id + ": " + state + " (" + name + ")");
      lines.add("lists: " + String.join(", ", lists));
      if (sendMode != null) {
        lines.add("send: " + sendMode.toLowerCase(java.util.Locale.ROOT) + ", from " + sendFrom);
      }
      if (snapshotAt != null) {
        lines.add("audience snapshot: " + recipients + " recipient(s) at " + snapshotAt
            + (recipientsByVariant.size() > 1 ? " " + recipientsByVariant : ""));
      }
      if (!deliveries.isEmpty()) {
        lines.add("deliveries: " + deliveries);
      }
      if (winner != null) {
        lines.add("A/B winner: " + winner + " (chosen " + winnerAt + ")");
      }
      lines.addAll(abReport);
      if (finishedAt != null) {
        lines.add("finished: " + finishedAt);
      }
      if (cancelledAt != null) {
        lines.add("cancelled: " + cancelledAt);
      }
      return lines;
    }
  }

  private final CampaignCatalog catalog;
  private final NewsletterIssues issues;
  private final NewsletterSending sending;
  private final DeliveryLedger ledger;
  private final VariantResults results;
  private final TestSends testSends;
  private final SubscriberDirectory subscribers;
  private final NamedParameterJdbcTemplate jdbc;

  Newsletters(CampaignCatalog catalog, NewsletterIssues issues, NewsletterSending sending, DeliveryLedger ledger,
      VariantResults results, TestSends testSends, SubscriberDirectory subscribers, NamedParameterJdbcTemplate jdbc) {
    this.catalog = catalog;
    this.issues = issues;
    this.sending = sending;
    this.ledger = ledger;
    this.results = results;
    this.testSends = testSends;
    this.subscribers = subscribers;
    this.jdbc = jdbc;
  }

  /** The issue file, which must be a newsletter issue (NotFoundException, InvalidCampaignException otherwise). */
  public Campaign issue(String id) {
    Campaign issue = catalog.load(id);
    if (!issue.isBroadcast()) {
      throw new InvalidInputException("'" + id + "' is a drip campaign, not a newsletter issue");
    }
    return issue;
  }

  public Status status(String id) {
    Campaign issue = issue(id);
    NewsletterIssues.Issue row = issues.find(id).orElse(null);
    Map<String, Long> deliveries = new LinkedHashMap<>();
    ledger.counts(id).forEach((status, n) -> deliveries.put(status.name(), n));
    Map<String, Long> byVariant = new LinkedHashMap<>();
    sending.recipientsByVariant(id).forEach((variant, n) -> byVariant.put(variant == null ? "rest" : variant, n));
    List<String> ab = List.of();
    Standings standings = standings(issue, row);
    if (standings != null) {
      ab = AbReport.lines(standings.result(), issue.broadcast().abTest().metric());
    }
    if (row == null) {
      return new Status(id, issue.name(), issue.broadcast().lists(), "NOT_SENT", null, null, null, null, byVariant,
          deliveries, null, null, null, null, ab);
    }
    return new Status(id, issue.name(), issue.broadcast().lists(), row.state().name(), row.sendMode().name(),
        row.sendFrom(), row.snapshotAt(), row.recipients(), byVariant, deliveries, row.winner(), row.winnerAt(),
        row.finishedAt(), row.cancelledAt(), ab);
  }

  /**
   * What a campaign report shows of an issue beside the ledger's numbers, so the report module reads
   * this module's tables through here and nowhere else.
   *
   * @param recipients the audience snapshot's size (late joiners included); null before the snapshot
   * @param state      the issue's state ({@link NewsletterState}), or NOT_SENT before its first send
   * @param abTest     the A/B test's outcome; null without a test, or before the snapshot
   */
  public record ReportFacts(Long recipients, String state, AbOutcome abTest) {
  }

  /**
   * An A/B test as the report shows it, by the rule and words of {@code newsletter status}
   * (WinnerChoice picks, AbReport words it), so the two never disagree.
   *
   * @param metric      what the rates count: opens or clicks (human people)
   * @param winner      the recorded winner once chosen; before that, the variant leading so far
   * @param chosen      whether the winner was recorded (the window closed and the rest was sent it)
   * @param significant whether the winner's lead over the runner-up is significant (p &lt; 0.05) on today's numbers
   * @param verdict     the one "Winner: ..." line of AbReport (rates, p-value, significant or not)
   * @param lines       the whole A/B part, one line per variant then the verdict
   */
  public record AbOutcome(String metric, String winner, boolean chosen, boolean significant, String verdict,
      List<String> lines) {

    /** Where the test stands, one sentence under its lines: the report's table and the console page both print it. */
    public String state() {
      return chosen ? "The rest of the audience was sent " + winner
          + " (its row above counts them too; the A/B rates count the test's recipients only)."
          : "The test window is open: standings so far, no winner chosen yet.";
    }
  }

  /** Throws InvalidInputException for a drip campaign (only issues have these facts). */
  public ReportFacts reportFacts(Campaign issue) {
    if (!issue.isBroadcast()) {
      throw new InvalidInputException("'" + issue.id() + "' is a drip campaign, not a newsletter issue");
    }
    NewsletterIssues.Issue row = issues.find(issue.id()).orElse(null);
    Standings standings = standings(issue, row);
    AbOutcome ab = null;
    if (standings != null) {
      Broadcast.AbTest.Metric metric = issue.broadcast().abTest().metric();
      String leader = standings.result().winner();
      String winner = row.winner() != null ? row.winner() : leader;
      // significance is about today's leader: a recorded winner overtaken since is not "significantly" ahead
      boolean significant = standings.result().significant() && winner.equals(leader);
      ab = new AbOutcome(metric.name().toLowerCase(java.util.Locale.ROOT), winner, row.winner() != null, significant,
          AbReport.winnerLine(standings.result()), AbReport.lines(standings.result(), metric, standings.tallies()));
    }
    return new ReportFacts(row == null ? null : row.recipients(), row == null ? "NOT_SENT" : row.state().name(), ab);
  }

  /** The tallies and the winner choice of an A/B issue once its snapshot exists; null otherwise. */
  private Standings standings(Campaign issue, NewsletterIssues.Issue row) {
    if (issue.broadcast().abTest() == null || row == null || row.snapshotAt() == null) {
      return null;
    }
    List<VariantTally> tallies = results.tally(issue.id(), issue.stepIds());
    return new Standings(tallies, WinnerChoice.choose(tallies, issue.broadcast().abTest().metric()));
  }

  private record Standings(List<VariantTally> tallies, WinnerChoice.Result result) {
  }

  /**
   * Sends every variant of the issue to {@code to} now, marked as a test and outside the ledger,
   * rendered for the first member of its lists (or, on an empty list, a placeholder reader).
   */
  public List<TestSends.Sent> test(String id, List<String> to) throws SendFailure {
    Campaign issue = issue(id);
    Long sampleId = jdbc.queryForObject(SAMPLE, Map.of("listIds", issue.broadcast().lists()), Long.class);
    SubscriberProfile sample = sampleId == null ? null : subscribers.profiles(List.of(sampleId)).get(sampleId);
    if (sample == null) {
      sample = new SubscriberProfile(0, "reader@example.org", null, null, "ACTIVE", Map.of(), List.of());
    }
    return testSends.send(issue, sample, to);
  }

  /** See {@link NewsletterSending#cancel}. */
  public int cancel(String id, Instant now) {
    issue(id);
    return sending.cancel(id, now);
  }

  /** Deliveries of the issue by ledger status (for tests and the API). */
  public Map<DeliveryStatus, Long> deliveries(String id) {
    return ledger.counts(id);
  }
}
