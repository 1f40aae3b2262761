package org.dripline.bounce.providers;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dripline.bounce.BounceReason;
import org.dripline.bounce.BounceSettings;
import org.dripline.bounce.ProviderEvent;
import org.dripline.bounce.ProviderEvent.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Amazon SES bounce and complaint notifications, delivered by SNS (a topic subscribed with
 * HTTPS to /webhooks/ses). Each message is verified ({@link SnsVerifier}) and must come from one
 * of {@code dripline.bounce.webhooks.ses.topic-arns}: SNS signs every customer's messages with the
 * same key, so the topic is what makes a message ours. Both SES formats are read: notifications
 * ({@code notificationType}) and configuration-set events ({@code eventType}).
 */
@Component
class SesWebhook implements ProviderWebhook {

  private static final Logger log = LoggerFactory.getLogger(SesWebhook.class);

  // SES's bounce subtypes that name a reason by themselves, used when the SMTP words name none.
  // Its suppression lists give no reason, so an address on one counts as a soft bounce.
  private static final Map<String, BounceReason> SUBTYPES = Map.of(
      "NoEmail", BounceReason.USER_UNKNOWN,
      "MailboxFull", BounceReason.MAILBOX_FULL,
      "MessageTooLarge", BounceReason.MESSAGE_TOO_LARGE,
      "ContentRejected", BounceReason.POLICY,
      "AttachmentRejected", BounceReason.POLICY);

  private final BounceSettings.Ses settings;
  private final SnsVerifier verifier;
  private final SnsFetcher fetcher;

  SesWebhook(BounceSettings settings, SnsFetcher fetcher, Clock clock) {
    this.settings = settings.webhooks().ses();
    this.fetcher = fetcher;
    this.verifier = new SnsVerifier(fetcher, clock);
  }

  @Override
  public String name() {
    return "ses";
  }

  @Override
  public boolean enabled() {
    return settings.enabled();
  }

  @Override
  public Batch read(HttpHeaders headers, byte[] body) {
    JsonNode message = Json.parse(body, "SNS message");
    if (!message.isObject()) {
      throw WebhookException.malformed("SNS message: the body must be a JSON object");
    }
    String type = Json.required(message, "Type", "SNS message");
    String topic = Json.required(message, "TopicArn", "SNS message");
    // The topic first: a message from someone else's topic costs no certificate fetch.
    if (!settings.topicArns().contains(topic)) {
      throw WebhookException.forged("SNS message: topic " + topic + " is not one of dripline.bounce.webhooks.ses.topic-arns");
    }
    verifier.verify(message);
    return switch (type) {
      case "SubscriptionConfirmation" -> confirm(message, topic);
      case "UnsubscribeConfirmation" -> {
        log.warn("SNS says topic {} was unsubscribed from /webhooks/ses: SES bounces no longer arrive", topic);
        yield new Batch(List.of(), 1);
      }
      default -> notification(Json.required(message, "MessageId", "SNS message"),
          Json.parse(Json.required(message, "Message", "SNS message"), "SES notification"));
    };
  }

  private Batch confirm(JsonNode message, String topic) {
    String subscribeUrl = Json.required(message, "SubscribeURL", "SNS subscription confirmation");
    if (!settings.confirmSubscriptions()) {
      log.warn("SNS asks to confirm the subscription of /webhooks/ses to {}: confirm it in the AWS console, or set"
          + " dripline.bounce.webhooks.ses.confirm-subscriptions=true", topic);
      return new Batch(List.of(), 1);
    }
    URI uri = SnsVerifier.snsUri(subscribeUrl, "SubscribeURL");
    try {
      fetcher.get(uri);
    } catch (IOException e) {
      throw new WebhookException(HttpStatus.SERVICE_UNAVAILABLE,
          "SNS subscription confirmation: the SubscribeURL could not be fetched; try again later");
    }
    log.info("Confirmed the SNS subscription of /webhooks/ses to {}", topic);
    return new Batch(List.of(), 1);
  }

  private Batch notification(String snsMessageId, JsonNode ses) {
    String kind = Json.text(ses, "notificationType") != null ? Json.text(ses, "notificationType")
        : Json.text(ses, "eventType");
    if (kind == null) {
      throw WebhookException.malformed("SES notification: neither notificationType nor eventType is given");
    }
    JsonNode mail = Json.object(ses, "mail");
    String messageId = originalMessageId(mail);
    List<ProviderEvent> events = new ArrayList<>();
    switch (kind) {
      case "Bounce" -> {
        JsonNode bounce = required(ses, "bounce");
        String bounceType = Json.text(bounce, "bounceType");
        String subType = Json.text(bounce, "bounceSubType");
        Type type = "Permanent".equals(bounceType) ? Type.PERMANENT_BOUNCE : Type.TRANSIENT_BOUNCE;
        Instant at = Json.instant(Json.text(bounce, "timestamp"));
        for (JsonNode recipient : recipients(bounce, "bouncedRecipients")) {
          String diagnostic = Json.text(recipient, "diagnosticCode");
          events.add(new ProviderEvent(name(), snsMessageId, type, Json.required(recipient, "emailAddress",
              "SES bounce"), messageId, Json.text(recipient, "status"),
              diagnostic != null ? diagnostic : bounceType + "/" + subType, SUBTYPES.get(subType), at));
        }
      }
      case "Complaint" -> {
        JsonNode complaint = required(ses, "complaint");
        String feedbackType = Json.text(complaint, "complaintFeedbackType");
        // As with ARF reports: only abuse (or no type given) is a complaint; "not-spam" and the like are not.
        if (feedbackType != null && !"abuse".equalsIgnoreCase(feedbackType)) {
          return new Batch(List.of(), recipients(complaint, "complainedRecipients").size());
        }
        Instant at = Json.instant(Json.text(complaint, "timestamp"));
        for (JsonNode recipient : recipients(complaint, "complainedRecipients")) {
          events.add(new ProviderEvent(name(), snsMessageId, Type.COMPLAINT, Json.required(recipient, "emailAddress",
              "SES complaint"), messageId, null, "complaint" + (feedbackType == null ? "" : ":" + feedbackType),
              null, at));
        }
      }
      default -> {
        return new Batch(List.of(), 1);
      }
    }
    return new Batch(events, 0);
  }

  private static JsonNode required(JsonNode ses, String field) {
    JsonNode value = Json.object(ses, field);
    if (value == null) {
      throw WebhookException.malformed("SES notification: '" + field + "' is missing");
    }
    return value;
  }

  private static List<JsonNode> recipients(JsonNode parent, String field) {
    JsonNode list = parent.get(field);
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw WebhookException.malformed("SES notification: '" + field + "' lists nobody");
    }
    List<JsonNode> recipients = new ArrayList<>();
    list.forEach(recipients::add);
    return recipients;
  }

  /** Our Message-ID: in the original's headers when SES includes them, else in commonHeaders. */
  private static String originalMessageId(JsonNode mail) {
    JsonNode headers = mail == null ? null : mail.get("headers");
    if (headers != null && headers.isArray()) {
      for (JsonNode header : headers) {
        if ("Message-ID".equalsIgnoreCase(Json.text(header, "name"))) {
          return Json.messageId(Json.text(header, "value"));
        }
      }
    }
    return Json.messageId(Json.text(Json.object(mail, "commonHeaders"), "messageId"));
  }
}
