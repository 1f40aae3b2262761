package org.dripline.bounce;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import org.dripline.bounce.BounceReport.Kind;
import org.dripline.bounce.DeliveryMatcher.Match;
import org.dripline.bounce.ProviderEvent.Outcome;
import org.dripline.lists.IssueUnsubscribes;
import org.dripline.subscriber.SubscriberUpdates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Records the bounces and complaints sending providers report through their webhooks
 * ({@code bounce.providers}), by the bounce mailbox's own path: {@link BounceClassifier} gives
 * the reason and the kind, {@link BounceRecorder} writes {@code bounce_events} and stops mail
 * with the same hard, soft-limit and complaint rules. Only the verified events reach it.
 */
@Component
public class ProviderEvents {

  private static final Logger log = LoggerFactory.getLogger(ProviderEvents.class);

  private final BounceRecorder recorder;
  private final ProviderEventMatcher matcher;
  private final Clock clock;

  ProviderEvents(NamedParameterJdbcTemplate jdbc, SubscriberUpdates subscribers, IssueUnsubscribes issueUnsubscribes,
      PlatformTransactionManager transactionManager, BounceSettings settings, DeliveryMatcher deliveries,
      Clock clock) {
    // No mailbox: a provider's event is never moved anywhere.
    this.recorder = new BounceRecorder(jdbc, deliveries, subscribers, issueUnsubscribes, transactionManager, null,
        settings.softBounceLimit(), settings.softBounceWindow(), clock);
    this.matcher = new ProviderEventMatcher(jdbc, deliveries);
    this.clock = clock;
  }

  /** Classifies, matches and records one event; an event for no delivery of ours is only logged. */
  public Outcome record(ProviderEvent event) {
    BounceReport report = report(event);
    Match match = matcher.match(report);
    if (match == null) {
      log.info("{} event {} ({}) names no delivery of ours (Message-ID {}, recipient {}): ignored", event.provider(),
          event.eventId(), report.kind(), event.messageId(), event.recipient());
      return Outcome.UNKNOWN_DELIVERY;
    }
    String outcome = recorder.recordMatched(report, match, event.provider());
    return switch (outcome) {
      case BounceCounts.ALREADY -> Outcome.ALREADY;
      case BounceCounts.HARD, BounceCounts.SOFT_SUPPRESSED, BounceCounts.COMPLAINT -> Outcome.SUPPRESSED;
      default -> Outcome.RECORDED;
    };
  }

  /** The event as the mailbox would have reported it: same reason rules, a key of its own. */
  BounceReport report(ProviderEvent event) {
    Kind kind;
    BounceReason reason = null;
    if (event.type() == ProviderEvent.Type.COMPLAINT) {
      kind = Kind.COMPLAINT;
    } else {
      // a 2.x.x code in a failure report says nothing about the failure
      String status = event.statusCode() != null && event.statusCode().startsWith("2.") ? null : event.statusCode();
      reason = BounceClassifier.reason(status, event.diagnostic());
      if (reason == BounceReason.OTHER && event.providerReason() != null) {
        reason = event.providerReason();
      }
      kind = event.type() == ProviderEvent.Type.TRANSIENT_BOUNCE ? Kind.SOFT_BOUNCE
          : BounceClassifier.kind(null, status, reason);
    }
    String detail = event.provider() + ": " + (event.diagnostic() == null ? event.type().name() : event.diagnostic());
    return new BounceReport(-1, key(event), kind, BounceParser.clip(event.recipient(), 320), event.statusCode(),
        reason, BounceParser.clip(detail, 1000), null, event.messageId(),
        event.occurredAt() != null ? event.occurredAt() : clock.instant(), false);
  }

  /**
   * The event's row key in {@code bounce_events} (the mailbox uses the message's SHA-256): one
   * per provider event and recipient, so a redelivered event inserts nothing.
   */
  static String key(ProviderEvent event) {
    String recipient = event.recipient() == null ? "" : event.recipient().strip().toLowerCase(Locale.ROOT);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
          ("provider\n" + event.provider() + "\n" + event.eventId() + "\n" + recipient).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
