package org.dripline.bounce;

import jakarta.mail.MessagingException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.dripline.bounce.BounceReport.Kind;
import org.dripline.infra.UtcTime;
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
 * then moves the message out of the inbox. Committing per message, not per chunk, means a
 * failure later in the chunk never un-records a message that was already moved away.
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
  // The original's Message-ID carries a random part, so a match on it cannot be guessed.
  private static final String BY_MESSAGE_ID = """
      select d.id, d.subscriber_id, s.email from deliveries d join subscribers s on s.id = d.subscriber_id
      where d.message_id = :messageId
      """;
  // The X-Dripline-Delivery header alone is a guessable number; callers cross-check the recipient.
  private static final String BY_DELIVERY_ID = """
      select d.id, d.subscriber_id, s.email from deliveries d join subscribers s on s.id = d.subscriber_id
      where d.id = :deliveryId
      """;
  // Unsubscribe requests name the subscriber by their From address only.
  private static final String BY_EMAIL = "select id, id as subscriber_id, email from subscribers where email = :email";
  // Several delay warnings for one message are one soft bounce, so distinct deliveries are counted;
  // only recent ones (recorded within the window), so a mailbox that was full last year is forgiven.
  private static final String SOFT_COUNT = """
      select count(distinct delivery_id) from bounce_events
      where subscriber_id = :subscriberId and kind = 'SOFT_BOUNCE' and created_at >= :since
      """;
  private final NamedParameterJdbcTemplate jdbc;
  private final SubscriberUpdates subscribers;
  private final TransactionTemplate transactions;
  private final ImapMailboxReader mailbox;
  private final int softBounceLimit;
  private final java.time.Duration softBounceWindow;
  private final Clock clock;
  private final BounceCounts.Tally tally = new BounceCounts.Tally();
  private StepExecution stepExecution;

  BounceRecorder(NamedParameterJdbcTemplate jdbc, SubscriberUpdates subscribers,
      PlatformTransactionManager transactionManager, ImapMailboxReader mailbox, int softBounceLimit,
      java.time.Duration softBounceWindow, Clock clock) {
    this.jdbc = jdbc;
    this.subscribers = subscribers;
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
      for (BounceReport report : chunk) {
        String outcome = record(report);
        tally.add(outcome);
        if (report.reason() != null && !BounceCounts.ALREADY.equals(outcome)) {
          tally.add(BounceCounts.REASON_PREFIX + report.reason().name());
        }
        if (!mailbox.markProcessed(report.uid(), report.unreadable())) {
          tally.add(BounceCounts.LEFT_IN_INBOX);
        }
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
      return transactions.execute(status -> apply(report));
    } catch (DuplicateKeyException e) {
      // another bounceJob recorded the same message at the same moment
      return BounceCounts.ALREADY;
    }
  }

  private String apply(BounceReport report) {
    Match match = report.kind() == Kind.IGNORED ? null : match(report);
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
        stop(match, SuppressionReason.COMPLAINT, "complaint:arf");
        yield BounceCounts.COMPLAINT;
      }
      case UNSUBSCRIBE -> {
        stop(match, SuppressionReason.UNSUBSCRIBED, "unsubscribe:mailto");
        yield BounceCounts.UNSUBSCRIBE;
      }
      case IGNORED -> BounceCounts.IGNORED;
    };
  }

  /** Suppression and status change join this message's transaction, so they commit with its event. */
  private void stop(Match match, SuppressionReason reason, String source) {
    subscribers.stopMail(match.subscriberId(), match.email(), reason, source, clock.instant());
  }

  private record Match(Long deliveryId, long subscriberId, String email) {
  }

  /**
   * Trusts the original Message-ID first. The delivery header alone is accepted only when the
   * report names no recipient or names the delivery's own, so a forged report cannot suppress
   * someone else by guessing an id. Unsubscribe requests match the sender to a subscriber.
   */
  private Match match(BounceReport report) {
    if (report.kind() == Kind.UNSUBSCRIBE) {
      return first(BY_EMAIL, Map.of("email", report.recipient()), false);
    }
    if (report.originalMessageId() != null) {
      Match byMessageId = first(BY_MESSAGE_ID, Map.of("messageId", report.originalMessageId()), true);
      if (byMessageId != null) {
        return byMessageId;
      }
    }
    if (report.deliveryId() != null) {
      Match byId = first(BY_DELIVERY_ID, Map.of("deliveryId", report.deliveryId()), true);
      if (byId != null && (report.recipient() == null || byId.email().equalsIgnoreCase(report.recipient()))) {
        return byId;
      }
    }
    return null;
  }

  private Match first(String sql, Map<String, ?> parameters, boolean delivery) {
    return jdbc.query(sql, parameters, (rs, n) -> new Match(delivery ? Long.valueOf(rs.getLong("id")) : null,
        rs.getLong("subscriber_id"), rs.getString("email"))).stream().findFirst().orElse(null);
  }
}
