package org.dripline.bounce;

import java.util.Locale;
import java.util.Map;
import org.dripline.bounce.DeliveryMatcher.Match;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Which delivery a provider's event is about. The event is signed by the provider, so its
 * recipient can be trusted as much as its Message-ID: the Message-ID we set is tried first (the
 * same rule as the mailbox, through {@link DeliveryMatcher}), then the recipient's latest sent
 * delivery, because Postmark, and Mailgun or SendGrid when they rewrite the header, quote no
 * Message-ID of ours.
 */
final class ProviderEventMatcher {

  // The newest message we sent the address is the one the provider just failed to deliver, or
  // the one the recipient complained about (complaints come within days).
  private static final String LATEST_TO = """
      select d.id, d.subscriber_id, s.email from subscribers s join deliveries d on d.subscriber_id = s.id
      where s.email = :email and d.status = 'SENT' order by d.sent_at desc, d.id desc limit 1
      """;

  private final NamedParameterJdbcTemplate jdbc;
  private final DeliveryMatcher byMessageId;

  ProviderEventMatcher(NamedParameterJdbcTemplate jdbc, DeliveryMatcher byMessageId) {
    this.jdbc = jdbc;
    this.byMessageId = byMessageId;
  }

  /** Null when neither the Message-ID nor the recipient names a delivery of ours. */
  Match match(BounceReport report) {
    if (report.originalMessageId() != null) {
      Match match = byMessageId.match(report);
      if (match != null) {
        return match;
      }
    }
    if (report.recipient() == null) {
      return null;
    }
    return jdbc.query(LATEST_TO, Map.of("email", report.recipient().strip().toLowerCase(Locale.ROOT)),
        (rs, n) -> new Match(rs.getLong("id"), rs.getLong("subscriber_id"), rs.getString("email")))
        .stream().findFirst().orElse(null);
  }
}
