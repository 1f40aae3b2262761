package org.dripline.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.Step;
import org.dripline.delivery.mime.Addresses;
import org.dripline.delivery.mime.MessageComposer;
import org.dripline.delivery.send.MessageBuilder;
import org.dripline.infra.InvalidInputException;
import org.dripline.infra.NotFoundException;
import org.dripline.infra.UtcTime;
import org.dripline.render.RenderException;
import org.dripline.render.TemplateEngine;
import org.dripline.subscriber.SubscriberDirectory;
import org.dripline.subscriber.SubscriberProfile;
import org.dripline.tracking.MessageTracking;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Renders any step for any subscriber on any date, exactly as the send path builds it (same
 * templates, tracking, headers, DKIM), without sending or touching the ledger. When the ledger
 * already has that delivery, its id signs the links, so they are the links that subscriber got
 * or will get; otherwise the links carry delivery id 0 and lead nowhere.
 */
@Service
public class Previews {

  // The ledger's word on this step for this subscriber, if any; the enrollment for projecting dates
  // and the version whose steps they follow.
  private static final String DELIVERY = """
      select d.id, d.status, d.due_at, d.sent_at, d.last_error, e.enrolled_at, e.version_hash
      from enrollments e left join deliveries d
        on d.campaign_id = e.campaign_id and d.subscriber_id = e.subscriber_id and d.step_id = :stepId
      where e.campaign_id = :campaignId and e.subscriber_id = :subscriberId
      """;

  private final CampaignCatalog catalog;
  private final TemplateEngine templates;
  private final SubscriberDirectory subscribers;
  private final MessageTracking tracking;
  private final MessageComposer composer;
  private final NamedParameterJdbcTemplate jdbc;
  private final Clock clock;

  Previews(CampaignCatalog catalog, TemplateEngine templates, SubscriberDirectory subscribers,
      MessageTracking tracking, MessageComposer composer, NamedParameterJdbcTemplate jdbc, Clock clock) {
    this.catalog = catalog;
    this.templates = templates;
    this.subscribers = subscribers;
    this.tracking = tracking;
    this.composer = composer;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * @param asOf the date the preview is for (null: now)
   * @throws NotFoundException for an unknown campaign, step or subscriber
   */
  public Preview preview(String campaignId, String stepId, String email, Instant asOf) {
    Campaign campaign = catalog.load(campaignId);
    Step step = campaign.steps().stream().filter(s -> s.id().equals(stepId)).findFirst()
        .orElseThrow(() -> new NotFoundException("campaign '" + campaignId + "' has no step '" + stepId + "' (steps: "
            + String.join(", ", campaign.steps().stream().map(Step::id).toList()) + ")"));
    SubscriberProfile subscriber = subscribers.findByEmail(email == null ? "" : email)
        .orElseThrow(() -> new NotFoundException("no subscriber with the address '" + email + "'"));
    Instant at = asOf == null ? clock.instant() : asOf;
    List<Row> rows = jdbc.query(DELIVERY, Map.of("campaignId", campaign.id(), "stepId", step.id(),
        "subscriberId", subscriber.id()), (rs, n) -> new Row(rs.getLong("id"), rs.getString("status"),
        instant(rs, "due_at"), instant(rs, "sent_at"), rs.getString("last_error"), instant(rs, "enrolled_at"),
        rs.getString("version_hash")));
    Row row = rows.isEmpty() ? null : rows.get(0);
    long deliveryId = row == null || row.status() == null ? 0 : row.id();
    String status = status(campaign, step, subscriber, row, at);

    MessageBuilder builder = new MessageBuilder(templates.compile(campaign), templates, tracking, composer);
    boolean untracked = builder.untracked(List.of(subscriber.id())).contains(subscriber.id());
    try {
      MessageBuilder.Built built = builder.build(deliveryId, step.id(), subscriber, untracked, at);
      Addresses addresses = Addresses.of(built.message());
      return new Preview(campaign.id(), step.id(), subscriber.email(), at, built.content().subject(),
          readable("From", addresses.from(), campaign.id()), readable("To", addresses.to(), campaign.id()), built.content().html(), built.content().text(), status,
          new String(built.message().bytes(), StandardCharsets.UTF_8), row == null ? null : row.versionHash());
    } catch (RenderException e) {
      // The template fails for this subscriber (an error, a bound reached): the caller's content, so a 400 that
      // says where, as the send path records it, not a 500.
      throw new InvalidInputException("step '" + step.id() + "' cannot be rendered for " + subscriber.email() + ": "
          + e.getMessage());
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot build the message: " + e.getMessage(), e);
    }
  }

  /**
   * An address header as a mail client shows it: display names decoded ({@code =?UTF-8?Q?Zo=C3=AB?=}
   * reads {@code Zoë}). A header without an address ({@code Maya <>}, or none) is refused with what to
   * fix rather than shown as if it could be sent.
   */
  static String readable(String header, String value, String campaignId) {
    InternetAddress[] parsed;
    try {
      parsed = value == null || value.isBlank() ? new InternetAddress[0] : InternetAddress.parseHeader(value, false);
    } catch (AddressException e) {
      parsed = new InternetAddress[0];
    }
    String address = parsed.length == 0 ? null : parsed[0].getAddress();
    if (address == null || address.isBlank() || !address.contains("@")) {
      throw new InvalidInputException("campaign '" + campaignId + "': the message's " + header + " has no address ("
          + (value == null || value.isBlank() ? "empty" : "'" + value + "'") + ")"
          + ("From".equals(header) ? ": set from.address in the campaign file" : ""));
    }
    return parsed[0].toUnicodeString();
  }

  private record Row(long id, String status, Instant dueAt, Instant sentAt, String lastError, Instant enrolledAt,
      String versionHash) {
  }

  private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
    return UtcTime.fromDb(rs.getObject(column, java.time.LocalDateTime.class));
  }

  private static String status(Campaign campaign, Step step, SubscriberProfile subscriber, Row row, Instant at) {
    if (row == null) {
      return "not enrolled in '" + campaign.id() + "' yet: this is how the step would look";
    }
    String status = row.status();
    if (status == null) {
      Instant due = row.enrolledAt().plus(step.offset());
      return (due.isAfter(at) ? "not due yet: due " : "due since ") + due
          + " (not planned yet: planned by the first run after the previous step is done"
          + (step.when() == null ? "" : ", if its condition matches then") + ")";
    }
    Instant due = row.dueAt();
    switch (status) {
      case "SENT":
        return "sent " + row.sentAt();
      case "PLANNED":
        boolean open = campaign.schedule().open(at, subscriber.timezone());
        return "planned, due " + due + (due.isAfter(at) ? " (not yet due at " + at + ")"
            : open ? " (a run at " + at + " sends it)" : " (outside the local send window at " + at + ")");
      case "SKIPPED":
        return "skipped: " + row.lastError();
      case "FAILED":
        return "failed: " + row.lastError();
      default:
        return "sending (claimed; ambiguous if no run is active)";
    }
  }
}
