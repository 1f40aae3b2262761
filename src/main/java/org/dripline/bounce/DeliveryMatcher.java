package org.dripline.bounce;

import java.util.Map;
import org.dripline.bounce.BounceReport.Kind;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Which delivery (and subscriber) a report is about. Read-only, so the job and the offline
 * {@code bounces --file} check match by exactly the same rules.
 */
final class DeliveryMatcher {

  // The original's Message-ID carries a random part, so a match on it cannot be guessed.
  private static final String BY_MESSAGE_ID = """
      select d.id, d.subscriber_id, s.email from deliveries d join subscribers s on s.id = d.subscriber_id
      where d.message_id = :messageId
      """;
  // The X-Dripline-Delivery header alone is a guessable number; the recipient is cross-checked below.
  private static final String BY_DELIVERY_ID = """
      select d.id, d.subscriber_id, s.email from deliveries d join subscribers s on s.id = d.subscriber_id
      where d.id = :deliveryId
      """;
  // Unsubscribe requests name the subscriber by their From address only.
  private static final String BY_EMAIL = "select id, id as subscriber_id, email from subscribers where email = :email";

  record Match(Long deliveryId, long subscriberId, String email) {
  }

  private final NamedParameterJdbcTemplate jdbc;

  DeliveryMatcher(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Trusts the original Message-ID first. The delivery header alone is accepted only when the
   * report names no recipient or names the delivery's own among its recipients, so a forged
   * report cannot suppress someone else by guessing an id. Unsubscribe requests match the sender
   * to a subscriber.
   */
  Match match(BounceReport report) {
    if (report.kind() == Kind.UNSUBSCRIBE) {
      return report.recipient() == null ? null : first(BY_EMAIL, Map.of("email", report.recipient()), false);
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
