package org.dripline.bounce.providers;

import java.time.Clock;
import java.time.Instant;
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
 * Mailgun's webhooks (the JSON ones: {@code signature} and {@code event-data}), for the events
 * "failed" (severity permanent or temporary) and "complained"; any other event is ignored. The
 * signature is verified before anything of the event is read; its token is then spent
 * ({@link WebhookTokens}) and handed back by {@link #failed} if the events could not be recorded.
 */
@Component
class MailgunWebhook implements ProviderWebhook {

  // Mailgun's own reasons, used when the SMTP reply names no reason we know.
  private static final Map<String, BounceReason> REASONS = Map.of(
      "old", BounceReason.EXPIRED,
      "espblock", BounceReason.POLICY);

  private final BounceSettings.Mailgun settings;
  private final MailgunSignature signature;
  private final WebhookTokens tokens;
  private final Clock clock;

  MailgunWebhook(BounceSettings settings, WebhookTokens tokens, Clock clock) {
    this.settings = settings.webhooks().mailgun();
    this.signature = new MailgunSignature(this.settings.signingKey(), this.settings.maxAge());
    this.tokens = tokens;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "mailgun";
  }

  @Override
  public boolean enabled() {
    return settings.enabled();
  }

  @Override
  public Batch read(HttpHeaders headers, byte[] body) {
    JsonNode json = Json.parse(body, "Mailgun webhook");
    JsonNode signed = Json.object(json, "signature");
    if (signed == null) {
      throw WebhookException.unsigned("Mailgun webhook: 'signature' is missing (only JSON webhooks are accepted)");
    }
    Instant now = clock.instant();
    String token = Json.text(signed, "token");
    signature.verify(Json.text(signed, "timestamp"), token, Json.text(signed, "signature"), now);
    if (!tokens.firstUse(name(), token, now, signature.maxAge().multipliedBy(2))) {
      throw WebhookException.forged("Mailgun webhook: this token was used before (a replayed request)");
    }
    try {
      return events(json);
    } catch (RuntimeException e) {
      tokens.forget(name(), token);
      throw e;
    }
  }

  /** The events of a verified request could not be recorded: its token may be used again by a retry. */
  @Override
  public void failed(byte[] body) {
    JsonNode signed = Json.object(Json.parse(body, "Mailgun webhook"), "signature");
    String token = Json.text(signed, "token");
    if (token != null) {
      tokens.forget(name(), token);
    }
  }

  private Batch events(JsonNode json) {
    JsonNode data = Json.object(json, "event-data");
    if (data == null) {
      throw WebhookException.malformed("Mailgun webhook: 'event-data' is missing");
    }
    String event = Json.required(data, "event", "Mailgun webhook");
    if (!event.equals("failed") && !event.equals("complained")) {
      return new Batch(List.of(), 1);
    }
    String id = Json.required(data, "id", "Mailgun webhook");
    String recipient = Json.required(data, "recipient", "Mailgun webhook");
    JsonNode headers = Json.object(Json.object(data, "message"), "headers");
    String messageId = Json.messageId(Json.text(headers, "message-id"));
    Instant at = Json.epochSeconds(data, "timestamp");
    if (event.equals("complained")) {
      return new Batch(List.of(new ProviderEvent(name(), id, Type.COMPLAINT, recipient, messageId, null, "complained",
          null, at)), 0);
    }
    JsonNode status = Json.object(data, "delivery-status");
    String code = Json.text(status, "enhanced-code");
    String words = join(Json.text(status, "code"), Json.text(status, "message"), Json.text(status, "description"));
    String reason = Json.text(data, "reason");
    Type type = "permanent".equals(Json.text(data, "severity")) ? Type.PERMANENT_BOUNCE : Type.TRANSIENT_BOUNCE;
    return new Batch(List.of(new ProviderEvent(name(), id, type, recipient, messageId,
        code != null ? code : Json.enhancedCode(words), words != null ? words : "failed:" + reason,
        reason == null ? null : REASONS.get(reason), at)), 0);
  }

  private static String join(String... parts) {
    StringBuilder text = new StringBuilder();
    for (String part : parts) {
      if (part != null) {
        text.append(text.length() == 0 ? "" : " ").append(part);
      }
    }
    return text.length() == 0 ? null : text.toString();
  }
}
