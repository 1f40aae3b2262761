package org.dripline.bounce;

import java.util.Map;
import java.util.Optional;
import org.dripline.bounce.BounceReport.Kind;
import org.dripline.tracking.BounceAddresses;
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
      select d.id, d.subscriber_id, s.email from deliveries d join subscribers s on s.id = d.subscriber_id
      where d.message_id = :messageId
      """;
  // By id: a signed bounce address's delivery, or the X-Dripline-Delivery header, which alone is a
  // guessable number (its recipient is cross-checked below).
  private static final String BY_DELIVERY_ID = """
      select d.id, d.subscriber_id, s.email from deliveries d join subscribers s on s.id = d.subscriber_id
      where d.id = :deliveryId
      """;
  // Unsubscribe requests name the subscriber by their From address only.
  private static final String BY_EMAIL = "select id, id as subscriber_id, email from subscribers where email = :email";

  record Match(Long deliveryId, long subscriberId, String email) {
  }

  private final NamedParameterJdbcTemplate jdbc;
  private final BounceAddresses bounceAddresses;

  DeliveryMatcher(NamedParameterJdbcTemplate jdbc, BounceAddresses bounceAddresses) {
    this.jdbc = jdbc;
    this.bounceAddresses = bounceAddresses;
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
      return report.recipient() == null ? null : first(BY_EMAIL, Map.of("email", report.recipient()), false);
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

  private Match first(String sql, Map<String, ?> parameters, boolean delivery) {
    return jdbc.query(sql, parameters, (rs, n) -> new Match(delivery ? Long.valueOf(rs.getLong("id")) : null,
        rs.getLong("subscriber_id"), rs.getString("email"))).stream().findFirst().orElse(null);
  }
}
