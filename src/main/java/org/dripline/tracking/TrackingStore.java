package org.dripline.tracking;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dripline.enrollment.EnrollmentState;
import org.dripline.infra.UtcTime;
import org.dripline.subscriber.SubscriberStatus;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Tracking's reads of the shared tables (it does not call the delivery or enrollment features to
 * read): a delivery for a verified token, with what its pages show. The writes a subscriber asks
 * for go through the owning features (see {@link SubscriberRequests}).
 */
@Repository
class TrackingStore {

  // A verified token names a delivery; the page and the event need its subscriber and send time.
  private static final String DELIVERY = """
      select d.id, d.campaign_id, d.step_id, d.subscriber_id, d.sent_at, s.email, s.first_name, s.status,
             s.tracking_opt_out, e.state as enrollment_state, e.paused_until
      from deliveries d join subscribers s on s.id = d.subscriber_id
           left join enrollments e on e.campaign_id = d.campaign_id and e.subscriber_id = d.subscriber_id
      where d.id = :id
      """;
  // Opens and clicks need only the step and the send time: one primary-key read, no joins.
  private static final String SENT = "select id, campaign_id, step_id, sent_at from deliveries where id = :id";

  private final NamedParameterJdbcTemplate jdbc;

  TrackingStore(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  record Delivery(long id, String campaignId, String stepId, long subscriberId, Instant sentAt, String email,
      String firstName, String subscriberStatus, boolean trackingOptOut, String enrollmentState, Instant pausedUntil) {

    boolean subscribed() {
      return SubscriberStatus.ACTIVE.name().equals(subscriberStatus);
    }

    boolean inSeries() {
      return EnrollmentState.ACTIVE.name().equals(enrollmentState);
    }

    boolean paused(Instant now) {
      return pausedUntil != null && pausedUntil.isAfter(now);
    }
  }

  /** What an open or a click needs of its delivery. */
  record Sent(long id, String campaignId, String stepId, Instant sentAt) {
  }

  Optional<Sent> sent(long id) {
    return jdbc.query(SENT, Map.of("id", id), (rs, n) -> new Sent(rs.getLong("id"), rs.getString("campaign_id"),
        rs.getString("step_id"), UtcTime.fromDb(rs.getObject("sent_at", LocalDateTime.class)))).stream().findFirst();
  }

  Optional<Delivery> delivery(long id) {
    List<Delivery> rows = jdbc.query(DELIVERY, Map.of("id", id), (rs, n) -> new Delivery(rs.getLong("id"),
        rs.getString("campaign_id"), rs.getString("step_id"), rs.getLong("subscriber_id"),
        UtcTime.fromDb(rs.getObject("sent_at", LocalDateTime.class)), rs.getString("email"),
        rs.getString("first_name"), rs.getString("status"), rs.getBoolean("tracking_opt_out"),
        rs.getString("enrollment_state"), UtcTime.fromDb(rs.getObject("paused_until", LocalDateTime.class))));
    return rows.stream().findFirst();
  }
}
