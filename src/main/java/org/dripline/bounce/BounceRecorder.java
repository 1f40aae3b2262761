package org.dripline.bounce;

import jakarta.mail.MessagingException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dripline.bounce.BounceReport.Kind;
import org.dripline.bounce.DeliveryMatcher.Match;
import org.dripline.infra.UtcTime;
import org.dripline.lists.IssueUnsubscribes;
import org.dripline.subscriber.SubscriberUpdates;
import org.dripline.subscriber.SuppressionReason;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies each report in its own transaction (event, suppression, subscriber status together),
 * then moves the chunk's messages out of the inbox together. Committing per message, not per
 * chunk, means a failure later in the chunk never un-records a message; moving only after the
 * whole chunk is recorded means no message leaves the inbox unrecorded.
 */
class BounceRecorder implements ItemWriter<BounceReport>, StepExecutionListener {

  // The event is the idempotency guard: a mailbox message already recorded inserts nothing.
  private static final String RECORD = """
      insert into bounce_events (mailbox_key, kind, email, subscriber_id, delivery_id, status_code, reason, detail,
                                 received_at, created_at)
      select :key, :kind, :email, :subscriberId, :deliveryId, :status, :reason, :detail, :receivedAt, :now
      from (select 1 as one) single_row
      where not exists (select 1 from bounce_events where mailbox_key = :key)
      """;
  // Several delay warnings for one message are one soft bounce, so distinct deliveries are counted;
  // only recent ones (recorded within the window), so a mailbox that was full last year is forgiven.
  private static final String SOFT_COUNT = """
      select count(distinct delivery_id) from bounce_events
      where subscriber_id = :subscriberId and kind = 'SOFT_BOUNCE' and created_at >= :since
      """;
  private final NamedParameterJdbcTemplate jdbc;
  private final DeliveryMatcher matcher;
  private final SubscriberUpdates subscribers;
  private final IssueUnsubscribes issueUnsubscribes;
  private final TransactionTemplate transactions;
  private final ImapMailboxReader mailbox;
  private final int softBounceLimit;
  private final java.time.Duration softBounceWindow;
  private final Clock clock;
  private final BounceCounts.Tally tally = new BounceCounts.Tally();
  private StepExecution stepExecution;

  BounceRecorder(NamedParameterJdbcTemplate jdbc, DeliveryMatcher matcher, SubscriberUpdates subscribers,
      IssueUnsubscribes issueUnsubscribes, PlatformTransactionManager transactionManager, ImapMailboxReader mailbox,
      int softBounceLimit, java.time.Duration softBounceWindow, Clock clock) {
    this.jdbc = jdbc;
    this.matcher = matcher;
    this.subscribers = subscribers;
    this.issueUnsubscribes = issueUnsubscribes;
    this.transactions = new TransactionTemplate(transactionManager);
    this.mailbox = mailbox;
    this.softBounceLimit = softBounceLimit;
    this.softBounceWindow = softBounceWindow;
    this.clock = clock;
  }

  @Override
  public void beforeStep(StepExecution stepExecution) {
    this.stepExecution = stepExecution;
  }

  @Override
  public void write(Chunk<? extends BounceReport> chunk) throws MessagingException {
    try {
      List<Long> processed = new ArrayList<>();
      List<Long> unreadable = new ArrayList<>();
      for (BounceReport report : chunk) {
        String outcome = record(report);
        tally.add(outcome);
        if (report.reason() != null && !BounceCounts.ALREADY.equals(outcome)) {
          tally.add(BounceCounts.REASON_PREFIX + report.reason().name());
        }
        (report.unreadable() ? unreadable : processed).add(report.uid());
      }
      // recorded, so safe to move: a crash before this leaves them in the inbox, seen again as already recorded
      int left = mailbox.moveOut(processed, false) + mailbox.moveOut(unreadable, true);
      for (int i = 0; i < left; i++) {
        tally.add(BounceCounts.LEFT_IN_INBOX);
      }
    } finally {
      tally.writeTo(stepExecution.getExecutionContext());
    }
  }

  @Override
  public ExitStatus afterStep(StepExecution stepExecution) {
    tally.writeTo(stepExecution.getExecutionContext());
    return stepExecution.getExitStatus();
  }

  private String record(BounceReport report) {
    try {
      return transactions.execute(status -> apply(report, report.kind() == Kind.IGNORED ? null : match(report), "arf"));
    } catch (DuplicateKeyException e) {
      // another bounceJob recorded the same message at the same moment
      return BounceCounts.ALREADY;
    }
  }

  /**
   * The same recording path for a report that did not come from the mailbox (a provider's signed
   * webhook event), already matched by its caller: event, suppression and status in one
   * transaction, the same hard/soft/complaint rules. Nothing is moved, so no mailbox is needed.
   *
   * @param via what the complaint's suppression source names ({@code complaint:<via>})
   */
  String recordMatched(BounceReport report, Match match, String via) {
    try {
      return transactions.execute(status -> apply(report, match, via));
    } catch (DuplicateKeyException e) {
      // the provider delivered the same event twice at the same moment
      return BounceCounts.ALREADY;
    }
  }

  private String apply(BounceReport report, Match match, String via) {
    Map<String, Object> row = new HashMap<>();
    row.put("key", report.mailboxKey());
    row.put("kind", report.kind().name());
    row.put("email", match != null ? match.email() : BounceParser.clip(report.recipient(), 320));
    row.put("subscriberId", match == null ? null : match.subscriberId());
    row.put("deliveryId", match == null ? null : match.deliveryId());
    row.put("status", BounceParser.clip(report.statusCode(), 20));
    row.put("reason", report.reason() == null ? null : report.reason().name());
    row.put("detail", report.detail());
    row.put("receivedAt", UtcTime.toDb(report.receivedAt()));
    row.put("now", UtcTime.toDb(clock.instant()));
    if (jdbc.update(RECORD, row) == 0) {
      return BounceCounts.ALREADY;
    }
    if (report.kind() == Kind.IGNORED) {
      return BounceCounts.IGNORED;
    }
    if (match == null) {
      return BounceCounts.UNMATCHED;
    }
    return switch (report.kind()) {
      case HARD_BOUNCE -> {
        stop(match, SuppressionReason.HARD_BOUNCE, "bounce:" + report.reason().label()
            + (report.statusCode() == null ? "" : ":" + report.statusCode()));
        yield BounceCounts.HARD;
      }
      case SOFT_BOUNCE -> {
        Long soft = jdbc.queryForObject(SOFT_COUNT, Map.of("subscriberId", match.subscriberId(),
            "since", UtcTime.toDb(clock.instant().minus(softBounceWindow))), Long.class);
        if (soft != null && soft >= softBounceLimit) {
          stop(match, SuppressionReason.HARD_BOUNCE, "bounce:soft-limit-" + softBounceLimit);
          yield BounceCounts.SOFT_SUPPRESSED;
        }
        yield BounceCounts.SOFT;
      }
      case COMPLAINT -> {
        stop(match, SuppressionReason.COMPLAINT, "complaint:" + via);
        yield BounceCounts.COMPLAINT;
      }
      case UNSUBSCRIBE -> {
        // the same rule as the one-click link: a request naming a newsletter issue leaves its list(s)
        boolean leftIssueLists = match.campaignId() != null
            && issueUnsubscribes.leaveIssueLists(match.campaignId(), match.subscriberId(), "mailto", clock.instant());
        if (!leftIssueLists) {
          stop(match, SuppressionReason.UNSUBSCRIBED, "unsubscribe:mailto");
        }
        yield BounceCounts.UNSUBSCRIBE;
      }
      case IGNORED -> BounceCounts.IGNORED;
    };
  }

  /** Suppression and status change join this message's transaction, so they commit with its event. */
  private void stop(Match match, SuppressionReason reason, String source) {
    subscribers.stopMail(match.subscriberId(), match.email(), reason, source, clock.instant());
  }

  private Match match(BounceReport report) {
    return matcher.match(report);
  }
}
