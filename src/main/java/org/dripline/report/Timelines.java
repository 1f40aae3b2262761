package org.dripline.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.CampaignVersions;
import org.dripline.campaign.Step;
import org.dripline.infra.NotFoundException;
import org.dripline.infra.UtcTime;
import org.dripline.subscriber.SubscriberDirectory;
import org.dripline.subscriber.SubscriberProfile;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/** A subscriber's whole series, from the ledger where it exists and projected where it does not yet. */
@Service
public class Timelines {

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);

  // The enrollment the dates count from, whether the subscriber paused or left the series, and the
  // version whose steps they follow.
  private static final String ENROLLMENT = """
      select enrolled_at, state, paused_until, version_hash from enrollments where campaign_id = :campaignId and subscriber_id = :subscriberId
      """;
  // Every ledger row of this subscriber in this campaign: the facts, step by step.
  private static final String DELIVERIES = """
      select id, step_id, status, due_at, sent_at, next_attempt_at, claimed_at, attempts, smtp_reply, last_error
      from deliveries where campaign_id = :campaignId and subscriber_id = :subscriberId
      """;

  private final CampaignCatalog catalog;
  private final CampaignVersions versions;
  private final VersionHistories histories;
  private final SubscriberDirectory subscribers;
  private final NamedParameterJdbcTemplate jdbc;
  // "paused until" is judged against the application's clock, like every other time here
  private final Clock clock;

  public Timelines(CampaignCatalog catalog, CampaignVersions versions, VersionHistories histories,
      SubscriberDirectory subscribers, NamedParameterJdbcTemplate jdbc, Clock clock) {
    this.clock = clock;
    this.catalog = catalog;
    this.versions = versions;
    this.histories = histories;
    this.subscribers = subscribers;
    this.jdbc = jdbc;
  }

  private record Row(long id, String status, Instant due, Instant sent, Instant nextAttempt, Instant claimed,
      int attempts, String reply, String error) {
  }

  public TimelineView timeline(String campaignId, String email) {
    Campaign campaign = catalog.load(campaignId);
    SubscriberProfile subscriber = subscribers.findByEmail(email == null ? "" : email)
        .orElseThrow(() -> new NotFoundException("no subscriber with the address '" + email + "'"));
    ZoneId zone = campaign.schedule().zoneFor(subscriber.timezone());
    Map<String, Object> key = Map.of("campaignId", campaign.id(), "subscriberId", subscriber.id());
    List<Object[]> enrollment = jdbc.query(ENROLLMENT, key, (rs, n) -> new Object[] {instant(rs, "enrolled_at"),
        rs.getString("state"), instant(rs, "paused_until"), rs.getString("version_hash")});
    Map<String, Row> rows = new HashMap<>();
    jdbc.query(DELIVERIES, key, rs -> {
      rows.put(rs.getString("step_id"), new Row(rs.getLong("id"), rs.getString("status"), instant(rs, "due_at"),
          instant(rs, "sent_at"), instant(rs, "next_attempt_at"), instant(rs, "claimed_at"), rs.getInt("attempts"),
          rs.getString("smtp_reply"), rs.getString("last_error")));
    });
    Instant enrolledAt = enrollment.isEmpty() ? null : (Instant) enrollment.get(0)[0];
    String state = enrollment.isEmpty() ? notEnrolled(subscriber) : enrollmentState(enrollment.get(0), clock.instant());
    String followed = enrollment.isEmpty() ? null : (String) enrollment.get(0)[3];
    String version = VersionHistories.follows(histories.history(campaign), followed);
    // The subscriber follows the step structure of their version; the file's steps when it is
    // the same version, when they are not enrolled, or when that version no longer parses.
    List<Step> structure = followed == null || followed.equals(campaign.versionHash()) ? campaign.steps()
        : versions.version(campaign.id(), followed).map(Campaign::steps).orElse(campaign.steps());
    List<TimelineView.Entry> entries = new ArrayList<>();
    boolean chainOpen = true;
    for (Step step : structure) {
      Row row = rows.get(step.id());
      Instant due = row != null ? row.due() : enrolledAt == null ? null : enrolledAt.plus(step.offset());
      String local = due == null ? "after enrollment + " + step.offset() : LOCAL.format(due.atZone(zone)) + " " + zone;
      if (row != null) {
        entries.add(new TimelineView.Entry(step.id(), due, local, row.status(), detail(row, zone)));
        chainOpen = row.status().equals("SENT") || row.status().equals("SKIPPED");
        continue;
      }
      String detail = (chainOpen ? "planned by the first run at or after its due date" : "waits for the previous step")
          + (step.when() == null ? "" : "; sent only if its condition matches then, otherwise skipped")
          + (campaign.schedule().window() == null ? "" : "; sent inside the local send window");
      entries.add(new TimelineView.Entry(step.id(), due, local, "EXPECTED", detail));
      chainOpen = false;
    }
    return new TimelineView(campaign.id(), subscriber.email(), zone.getId(), enrolledAt, state, followed, version,
        List.copyOf(entries));
  }

  private static String notEnrolled(SubscriberProfile subscriber) {
    return "not enrolled" + (subscriber.active() ? " (the next run enrolls them if they match the audience)"
        : " (subscriber is " + subscriber.status() + ")");
  }

  private static String enrollmentState(Object[] enrollment, Instant now) {
    Instant pausedUntil = (Instant) enrollment[2];
    return pausedUntil != null && pausedUntil.isAfter(now) ? "PAUSED until " + pausedUntil
        : (String) enrollment[1];
  }

  private static String detail(Row row, ZoneId zone) {
    switch (row.status()) {
      case "SENT":
        return "sent " + LOCAL.format(row.sent().atZone(zone)) + (row.reply() == null ? "" : " (" + row.reply() + ")");
      case "PLANNED":
        return row.nextAttempt() == null ? "waiting for a run at or after its due date, inside the send window"
            : "retry " + row.attempts() + " not before " + LOCAL.format(row.nextAttempt().atZone(zone))
                + (row.error() == null ? "" : " (" + row.error() + ")");
      case "SENDING":
        // Named as the run summary names it, so the operator can match the two after a crash.
        return "claimed" + (row.claimed() == null ? "" : " " + LOCAL.format(row.claimed().atZone(zone)))
            + ": being sent, or ambiguous delivery " + row.id() + " if no run is active (a crash: may have arrived;"
            + " sent again only by run --resend-ambiguous or dripline.send.resend-ambiguous-after)";
      default:
        return row.error() == null ? "" : row.error();
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    LocalDateTime value = rs.getObject(column, LocalDateTime.class);
    return UtcTime.fromDb(value);
  }
}
