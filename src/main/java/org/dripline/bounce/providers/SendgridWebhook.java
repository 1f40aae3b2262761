package org.dripline.bounce.providers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dripline.bounce.BounceReason;
import org.dripline.bounce.BounceSettings;
import org.dripline.bounce.ProviderEvent;
import org.dripline.bounce.ProviderEvent.Type;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * SendGrid's Event Webhook: a JSON array of events, signed as a whole. "bounce" events are
 * permanent failures, except those of type "blocked", which SendGrid itself counts as soft;
 * "spamreport" is a complaint. Everything else (processed, delivered, deferred, dropped, opens,
 * clicks, unsubscribes) is ignored: a deferral is retried by SendGrid and a drop was never sent.
 */
@Component
class SendgridWebhook implements ProviderWebhook {

  // SendGrid's bounce_classification, used when the SMTP reply names no reason we know.
  private static final Map<String, BounceReason> CLASSIFICATIONS = Map.of(
      "Invalid Address", BounceReason.USER_UNKNOWN,
      "Technical", BounceReason.SYSTEM_ERROR,
      "Content", BounceReason.POLICY,
      "Reputation", BounceReason.POLICY,
      "Frequency or Volume", BounceReason.RATE_LIMITED);

  private final BounceSettings.Sendgrid settings;
  private final SendgridSignature signature;

  SendgridWebhook(BounceSettings settings) {
    this.settings = settings.webhooks().sendgrid();
    this.signature = this.settings.enabled() ? new SendgridSignature(this.settings.publicKey()) : null;
  }

  @Override
  public String name() {
    return "sendgrid";
  }

  @Override
  public boolean enabled() {
    return settings.enabled();
  }

  @Override
  public Batch read(HttpHeaders headers, byte[] body) {
    signature.verify(headers.getFirst(SendgridSignature.TIMESTAMP), headers.getFirst(SendgridSignature.SIGNATURE), body);
    JsonNode json = Json.parse(body, "SendGrid Event Webhook");
    if (!json.isArray()) {
      throw WebhookException.malformed("SendGrid Event Webhook: the body must be a JSON array of events");
    }
    List<ProviderEvent> events = new ArrayList<>();
    int ignored = 0;
    for (JsonNode event : json) {
      String kind = Json.text(event, "event");
      if (!event.isObject() || kind == null) {
        throw WebhookException.malformed("SendGrid Event Webhook: every event must be an object with an 'event'");
      }
      if (!kind.equals("bounce") && !kind.equals("spamreport")) {
        ignored++;
        continue;
      }
      String id = Json.required(event, "sg_event_id", "SendGrid event");
      String email = Json.required(event, "email", "SendGrid event");
      String messageId = Json.messageId(Json.text(event, "smtp-id"));
      if (kind.equals("spamreport")) {
        events.add(new ProviderEvent(name(), id, Type.COMPLAINT, email, messageId, null, "spamreport", null,
            Json.epochSeconds(event, "timestamp")));
        continue;
      }
      String reason = Json.text(event, "reason");
      String status = Json.text(event, "status");
      String classification = Json.text(event, "bounce_classification");
      Type type = "blocked".equals(Json.text(event, "type")) ? Type.TRANSIENT_BOUNCE : Type.PERMANENT_BOUNCE;
      events.add(new ProviderEvent(name(), id, type, email, messageId,
          status != null ? status : Json.enhancedCode(reason), reason != null ? reason : "bounce",
          classification == null ? null : CLASSIFICATIONS.get(classification), Json.epochSeconds(event, "timestamp")));
    }
    return new Batch(events, ignored);
  }
}
