package org.dripline.newsletter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    if (issue.broadcast().abTest() != null && row != null && row.snapshotAt() != null) {
      WinnerChoice.Result result = WinnerChoice.choose(results.tally(id, issue.stepIds()),
          issue.broadcast().abTest().metric());
      ab = AbReport.lines(result, issue.broadcast().abTest().metric());
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
