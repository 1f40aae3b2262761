package org.dripline.bounce;

import java.util.Map;
import java.util.Optional;
import org.dripline.bounce.BounceReport.Kind;
import org.dripline.tracking.BounceAddresses;
import org.dripline.tracking.UnsubscribeRequests;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which delivery (and subscriber) a report is about. Read-only, so the job and the offline
 * {@code bounces --file} check match by exactly the same rules. One bean, shared by the job, the
 * provider webhooks and the file check, so there is one set of matching rules to configure.
 */
@Component
final class DeliveryMatcher {

  // The original's Message-ID carries a random part, so a match on it cannot be guessed.
  private static final String BY_MESSAGE_ID = """
      select d.id, d.subscriber_id, s.email, d.campaign_id from deliveries d join subscribers s on s.id = d.subscriber_id
      where d.message_id = :messageId
      """;
  // By id: a signed bounce address's delivery, or the X-Dripline-Delivery header, which alone is a
  // guessable number (its recipient is cross-checked below).
  private static final String BY_DELIVERY_ID = """
      select d.id, d.subscriber_id, s.email, d.campaign_id from deliveries d join subscribers s on s.id = d.subscriber_id
      where d.id = :deliveryId
      """;
  // Unsubscribe requests name the subscriber by their From address only.
  private static final String BY_EMAIL =
      "select id, id as subscriber_id, email, null as campaign_id from subscribers where email = :email";

  /** {@code campaignId}: the matched delivery's campaign, null when matched by address only. */
  record Match(Long deliveryId, long subscriberId, String email, String campaignId) {

    Match(Long deliveryId, long subscriberId, String email) {
      this(deliveryId, subscriberId, email, null);
    }
  }

  private final NamedParameterJdbcTemplate jdbc;
  private final BounceAddresses bounceAddresses;
  private final UnsubscribeRequests unsubscribeRequests;

  DeliveryMatcher(NamedParameterJdbcTemplate jdbc, BounceAddresses bounceAddresses) {
    this(jdbc, bounceAddresses, null);
  }

  @Autowired
  DeliveryMatcher(NamedParameterJdbcTemplate jdbc, BounceAddresses bounceAddresses,
      UnsubscribeRequests unsubscribeRequests) {
    this.jdbc = jdbc;
    this.bounceAddresses = bounceAddresses;
    this.unsubscribeRequests = unsubscribeRequests;
  }

  /**
   * Trusts a signed bounce address (VERP) the report was sent to first: it was made for exactly
   * one delivery, and the report need quote nothing of the original. An address that does not
   * verify (forged, tampered, signed with a key no longer listed) is ignored and the rules below
   * decide. Then the original Message-ID. The delivery header alone is accepted only when the
   * report names no recipient or names the delivery's own among its recipients, so a forged
   * report cannot suppress someone else by guessing an id. Unsubscribe requests match the sender
   * to a subscriber.
   */
  Match match(BounceReport report) {
    if (report.kind() == Kind.UNSUBSCRIBE) {
      return report.recipient() == null ? null : unsubscribeRequest(report);
    }
    for (String address : report.bounceAddresses()) {
      Optional<Long> signed = bounceAddresses.deliveryId(address);
      if (signed.isPresent()) {
        Match byAddress = first(BY_DELIVERY_ID, Map.of("deliveryId", signed.get()), true);
        if (byAddress != null) {
          return byAddress;
        }
      }
    }
    if (report.originalMessageId() != null) {
      Match byMessageId = first(BY_MESSAGE_ID, Map.of("messageId", report.originalMessageId()), true);
      if (byMessageId != null) {
        return byMessageId;
      }
    }
    if (report.deliveryId() != null) {
      Match byId = first(BY_DELIVERY_ID, Map.of("deliveryId", report.deliveryId()), true);
      if (byId != null && (report.recipients().isEmpty()
          || report.recipients().stream().anyMatch(r -> byId.email().equalsIgnoreCase(r)))) {
        return byId;
      }
    }
    return null;
  }

  /**
   * An unsubscribe request from its sender, with the delivery its subject's signed token names when
   * that delivery went to this very sender (a forwarded message's token unsubscribes nobody else).
   */
  private Match unsubscribeRequest(BounceReport report) {
    Optional<Long> named = unsubscribeRequests == null ? Optional.empty()
        : unsubscribeRequests.deliveryId(report.requestSubject());
    if (named.isPresent()) {
      Match delivery = first(BY_DELIVERY_ID, Map.of("deliveryId", named.get()), true);
      if (delivery != null && delivery.email().equalsIgnoreCase(report.recipient())) {
        return delivery;
      }
    }
    return first(BY_EMAIL, Map.of("email", report.recipient()), false);
  }

  private Match first(String sql, Map<String, ?> parameters, boolean delivery) {
    return jdbc.query(sql, parameters, (rs, n) -> new Match(delivery ? Long.valueOf(rs.getLong("id")) : null,
        rs.getLong("subscriber_id"), rs.getString("email"), rs.getString("campaign_id"))).stream().findFirst()
        .orElse(null);
  }
}
