package org.dripline.run;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.InvalidCampaignException;
import org.dripline.campaign.NewsletterChecks;
import org.dripline.campaign.Problem;
import org.dripline.delivery.DeliveryLedger;
import org.dripline.lists.ListCatalog;
import org.dripline.lists.MailingList;
import org.dripline.newsletter.NewsletterIssues;
import org.dripline.newsletter.NewsletterSending;
import org.dripline.newsletter.NewsletterState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/**
 * Sending newsletter issues: {@code send} (now, and wait), {@code schedule} (at send_at, started by
 * {@code serve}'s tick) and the tick itself, which also finishes what a first run could not: local
 * send times reaching later zones, the A/B winner once its window is over, late joiners.
 */
@Service
public class NewsletterRuns {

  private static final Logger log = LoggerFactory.getLogger(NewsletterRuns.class);

  private final RunControl control;
  private final RunChecks checks;
  private final RunLookup lookup;
  private final DripRuns runs;
  private final NewsletterIssues issues;
  private final CampaignCatalog catalog;
  private final ListCatalog lists;
  private final DeliveryLedger ledger;
  private final JobRepository jobRepository;
  private final Clock clock;

  NewsletterRuns(RunControl control, RunChecks checks, RunLookup lookup, DripRuns runs, NewsletterIssues issues,
      CampaignCatalog catalog, ListCatalog lists, DeliveryLedger ledger, JobRepository jobRepository, Clock clock) {
    this.control = control;
    this.checks = checks;
    this.lookup = lookup;
    this.runs = runs;
    this.issues = issues;
    this.catalog = catalog;
    this.lists = lists;
    this.ledger = ledger;
    this.jobRepository = jobRepository;
    this.clock = clock;
  }

  /**
   * Sends the issue now and waits: snapshot, plan, send. Sending an issue already under way resumes
   * it (restart-safe: nobody gets it twice). Throws before anything is written when the issue, its
   * lists or its templates are wrong.
   *
   * <p>When the issue's newest run did not complete, this continues that very run (its asOf, so the
   * same job instance restarts, as {@code restart ID} would) instead of starting another beside it at
   * now, which would leave it in {@code jobs} for ever: STOPPED ({@code stop ID}, SIGTERM), FAILED
   * (the mail server was down: a drip {@code run} restarts a FAILED instance of the same asOf too),
   * or still marked running (refused naming its owner while that is alive, taken over once its
   * heartbeat is older than the lease, or at once with {@code --recover}).
   */
  public RunSummary send(String issueId, RunOptions options, Consumer<RunView> progress) {
    Optional<Instant> unfinished = unfinished(issueId);
    RunSummary summary = send(issueId, unfinished.orElse(clock.instant()), options, progress);
    if (unfinished.isPresent() && summary.succeeded() && winnerDueNow(issueId)) {
      // The continued run kept its asOf, from before the A/B window ended, so it could not choose the
      // winner: one run at now does, and sends it to the rest, as this command did before it continued runs.
      return send(issueId, clock.instant(), options, progress);
    }
    return summary;
  }

  private boolean winnerDueNow(String issueId) {
    // The send just validated the file: loading it is enough, as for the tick's due().
    return issues.find(issueId).map(row -> NewsletterSending.winnerDue(catalog.load(issueId), row,
        clock.instant())).orElse(false);
  }

  /** The asOf of the issue's newest run when it did not complete; empty when it did, or there is none. */
  private Optional<Instant> unfinished(String issueId) {
    return lookup.latestNewsletterRun(issueId)
        .filter(run -> run.isRunning() || run.getStatus() == BatchStatus.STOPPED || run.getStatus() == BatchStatus.FAILED)
        .map(run -> Instant.parse(run.getJobParameters().getString(DripRunJobConfiguration.AS_OF)));
  }

  /**
   * As {@link #send(String, RunOptions, Consumer)} for a run at {@code asOf} (as {@code run --as-of}:
   * a later run of an A/B-tested issue at or after the end of its window chooses the winner).
   */
  public RunSummary send(String issueId, Instant at, RunOptions options, Consumer<RunView> progress) {
    // To the millisecond: the database keeps microseconds and rounds, and a due time rounded up past
    // the run's asOf would not be due in that very run.
    Instant asOf = at.truncatedTo(ChronoUnit.MILLIS);
    Campaign issue = checked(issueId, false);
    issues.begin(issue, NewsletterIssues.SendMode.NOW, asOf, clock.instant());
    return runs.await(control.launchNewsletter(issueId, asOf, options, true, null), progress);
  }

  /**
   * As {@link #send(String, RunOptions, Consumer)} but returns at once (the API without an asOf):
   * an unfinished run of the issue is continued, else one starts at now. A winner that became due
   * meanwhile is left to {@code serve}'s tick (the API runs in {@code serve}).
   */
  public RunView start(String issueId) {
    return start(issueId, unfinished(issueId).orElse(clock.instant()));
  }

  /** As {@link #send(String, Instant, RunOptions, Consumer)} but returns at once (the API: 202 and where to watch it). */
  public RunView start(String issueId, Instant at) {
    Instant asOf = at.truncatedTo(ChronoUnit.MILLIS);
    Campaign issue = checked(issueId, false);
    issues.begin(issue, NewsletterIssues.SendMode.NOW, asOf, clock.instant());
    return control.view(control.launchNewsletter(issueId, asOf, RunOptions.NONE, true, null).execution());
  }

  /** Schedules the issue for its send_at ({@code serve} starts it); send_at must still be ahead. */
  public NewsletterIssues.Issue schedule(String issueId) {
    Campaign issue = checked(issueId, true);
    Instant now = clock.instant();
    return issues.begin(issue, NewsletterIssues.SendMode.SCHEDULED, issue.broadcast().sendAt().earliest(), now);
  }

  /** The issue, validated with its lists (and, for a schedule, a send_at still ahead); nothing written. */
  private Campaign checked(String issueId, boolean future) {
    Campaign issue = checks.validatedIssue(issueId);
    List<Campaign> all = catalog.loadNewsletters().stream().map(CampaignCatalog.Loaded::campaign)
        .filter(java.util.Objects::nonNull).toList();
    List<Problem> problems = NewsletterChecks.check(issue, lists.all().stream().map(MailingList::id)
        .collect(java.util.stream.Collectors.toSet()), future ? clock.instant() : null, all);
    if (!problems.isEmpty()) {
      throw new InvalidCampaignException(problems);
    }
    return issue;
  }

  /**
   * {@code serve}'s tick: starts the runs issues need at {@code now} (asOf = the minute, so every
   * instance sharing the database computes the same run and exactly one starts it). Returns the
   * execution ids started here.
   */
  List<Long> tick(Instant now) {
    Instant slot = now.truncatedTo(ChronoUnit.MINUTES);
    List<Long> started = new ArrayList<>();
    for (NewsletterIssues.Issue issue : issues.active()) {
      try {
        if (!due(issue, slot)) {
          continue;
        }
        JobExecution running = running(issue.id());
        Long tookOver = null;
        if (running != null && control.recoverIfStale(running)) {
          tookOver = running.getId();
          running = null;
        }
        if (running != null) {
          continue;
        }
        started.add(control.launchNewsletter(issue.id(), slot, RunOptions.NONE, false, tookOver).execution().getId());
        log.info("Schedule: started newsletter issue {} at {}", issue.id(), slot);
      } catch (RunRefusedException e) {
        log.debug("Schedule: newsletter {} at {} taken elsewhere: {}", issue.id(), slot, e.getMessage());
      } catch (RuntimeException e) {
        log.error("Schedule: newsletter {} not sent at {}: {}", issue.id(), slot, e.getMessage());
      }
    }
    return started;
  }

  /** Whether the issue has work at {@code at}: its send time came, deliveries fell due, or the A/B window ended. */
  private boolean due(NewsletterIssues.Issue issue, Instant at) {
    if (issue.state() == NewsletterState.SCHEDULED) {
      return !at.isBefore(issue.sendFrom());
    }
    Campaign campaign = catalog.load(issue.id());
    if (NewsletterSending.winnerDue(campaign, issue, at)) {
      return true;
    }
    return campaign.broadcast().lateJoiners() || ledger.dueCount(issue.id(), at) > 0;
  }

  private JobExecution running(String issueId) {
    return jobRepository.findRunningJobExecutions(RunControl.NEWSLETTER_JOB).stream()
        .filter(e -> issueId.equals(e.getJobParameters().getString("campaign"))).findFirst().orElse(null);
  }
}
