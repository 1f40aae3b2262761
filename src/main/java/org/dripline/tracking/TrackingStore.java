package org.dripline.tracking;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dripline.infra.UtcTime;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tracking's own SQL against the shared tables (it does not call the delivery or enrollment
 * features): reads a delivery for a verified token, writes events, and applies what a
 * subscriber asks for. Every write happens only after a token verified.
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
  // One row per open or click; a user agent class, never the IP address or the full user agent.
  private static final String EVENT = """
      insert into events (delivery_id, type, occurred_at, link_id, machine, machine_reason, user_agent_class)
      values (:deliveryId, :type, :now, :linkId, :machine, :reason, :uaClass)
      """;
  // Unsubscribe from everything: the status stops planning, the suppression survives a re-import.
  private static final String UNSUBSCRIBE = """
      update subscribers set status = 'UNSUBSCRIBED', updated_at = :now where id = :subscriberId and status = 'ACTIVE'
      """;
  // Idempotent: a second click (or a second one-click POST from the mailbox provider) adds nothing.
  private static final String SUPPRESS = """
      insert into suppressions (email, reason, source, created_at)
      select :email, 'UNSUBSCRIBED', :source, :now from subscribers
      where id = :subscriberId and not exists (select 1 from suppressions where email = :email)
      """;
  // Leaving one series only; the claim skips its planned messages.
  private static final String LEAVE_SERIES = """
      update enrollments set state = 'UNSUBSCRIBED' where campaign_id = :campaignId and subscriber_id = :subscriberId
      """;
  // A pause holds planned messages until it ends (the claim compares with the run's asOf).
  private static final String PAUSE = """
      update enrollments set paused_until = :until where campaign_id = :campaignId and subscriber_id = :subscriberId
        and state = 'ACTIVE'
      """;
  // The reader's own name, as it appears in greetings.
  private static final String RENAME = """
      update subscribers set first_name = :firstName, updated_at = :now where id = :subscriberId
      """;
  // Opted-out readers get no pixel and no rewritten links from the next message on.
  private static final String TRACKING = """
      update subscribers set tracking_opt_out = :optOut, updated_at = :now where id = :subscriberId
      """;

  private final NamedParameterJdbcTemplate jdbc;

  TrackingStore(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  record Delivery(long id, String campaignId, String stepId, long subscriberId, Instant sentAt, String email,
      String firstName, String subscriberStatus, boolean trackingOptOut, String enrollmentState, Instant pausedUntil) {

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

  void event(long deliveryId, String type, Long linkId, MachineDetector.Verdict verdict, Instant now) {
    jdbc.update(EVENT, new MapSqlParameterSource("deliveryId", deliveryId).addValue("type", type)
        .addValue("now", UtcTime.toDb(now)).addValue("linkId", linkId).addValue("machine", verdict.machine())
        .addValue("reason", verdict.reason()).addValue("uaClass", verdict.userAgentClass()));
  }

  @Transactional
  void unsubscribe(Delivery delivery, String source, Instant now) {
    MapSqlParameterSource params = new MapSqlParameterSource("subscriberId", delivery.subscriberId())
        .addValue("email", delivery.email()).addValue("source", source).addValue("now", UtcTime.toDb(now));
    jdbc.update(UNSUBSCRIBE, params);
    try {
      jdbc.update(SUPPRESS, params);
    } catch (DuplicateKeyException alreadySuppressed) {
      // a concurrent request suppressed the address first: the outcome is the same
    }
    event(delivery.id(), "UNSUBSCRIBE", null, new MachineDetector.Verdict(false, null, "none"), now);
  }

  void leaveSeries(Delivery delivery) {
    jdbc.update(LEAVE_SERIES, new MapSqlParameterSource("campaignId", delivery.campaignId())
        .addValue("subscriberId", delivery.subscriberId()));
  }

  void pause(Delivery delivery, Instant until) {
    jdbc.update(PAUSE, new MapSqlParameterSource("campaignId", delivery.campaignId())
        .addValue("subscriberId", delivery.subscriberId()).addValue("until", UtcTime.toDb(until)));
  }

  void rename(Delivery delivery, String firstName, Instant now) {
    jdbc.update(RENAME, new MapSqlParameterSource("subscriberId", delivery.subscriberId())
        .addValue("firstName", firstName).addValue("now", UtcTime.toDb(now)));
  }

  void trackingOptOut(Delivery delivery, boolean optOut, Instant now) {
    jdbc.update(TRACKING, new MapSqlParameterSource("subscriberId", delivery.subscriberId())
        .addValue("optOut", optOut).addValue("now", UtcTime.toDb(now)));
  }
}
