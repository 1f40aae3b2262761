package org.dripline.bounce.providers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
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
 * Postmark's bounce and spam complaint webhooks. Postmark signs no payload: the webhook URL
 * carries HTTP basic credentials ({@code https://user:password@host/webhooks/postmark}), checked
 * here against {@code dripline.bounce.webhooks.postmark.*} before the body is read, so the
 * endpoint must only be reachable over HTTPS. Postmark quotes its own MessageID, not ours, so the
 * event is matched by the recipient.
 */
@Component
class PostmarkWebhook implements ProviderWebhook {

  /** Postmark's bounce types we act on: permanent or not, and the reason its type names. */
  private record Meaning(Type type, BounceReason reason) {
  }

  private static final Map<String, Meaning> TYPES = Map.of(
      "HardBounce", new Meaning(Type.PERMANENT_BOUNCE, BounceReason.USER_UNKNOWN),
      "BadEmailAddress", new Meaning(Type.PERMANENT_BOUNCE, BounceReason.USER_UNKNOWN),
      "SoftBounce", new Meaning(Type.TRANSIENT_BOUNCE, null),
      "Transient", new Meaning(Type.TRANSIENT_BOUNCE, null),
      "DnsError", new Meaning(Type.TRANSIENT_BOUNCE, BounceReason.SYSTEM_ERROR),
      "Blocked", new Meaning(Type.TRANSIENT_BOUNCE, BounceReason.POLICY),
      "SpamNotification", new Meaning(Type.TRANSIENT_BOUNCE, BounceReason.POLICY),
      "VirusNotification", new Meaning(Type.TRANSIENT_BOUNCE, BounceReason.POLICY),
      "DMARCPolicy", new Meaning(Type.TRANSIENT_BOUNCE, BounceReason.POLICY),
      "SpamComplaint", new Meaning(Type.COMPLAINT, null));
  private static final String BASIC = "basic ";

  private final BounceSettings.Postmark settings;
  private final byte[] expected;

  PostmarkWebhook(BounceSettings settings) {
    this.settings = settings.webhooks().postmark();
    this.expected = digest(this.settings.username() + ":" + this.settings.password());
  }

  @Override
  public String name() {
    return "postmark";
  }

  @Override
  public boolean enabled() {
    return settings.enabled();
  }

  @Override
  public Batch read(HttpHeaders headers, byte[] body) {
    authenticate(headers.getFirst(HttpHeaders.AUTHORIZATION));
    JsonNode json = Json.parse(body, "Postmark webhook");
    if (!json.isObject()) {
      throw WebhookException.malformed("Postmark webhook: the body must be a JSON object");
    }
    String recordType = Json.text(json, "RecordType");
    String type = Json.text(json, "Type");
    Meaning meaning = type == null ? null : TYPES.get(type);
    if (meaning == null || !("Bounce".equals(recordType) || "SpamComplaint".equals(recordType))) {
      return new Batch(List.of(), 1);
    }
    String id = Json.required(json, "ID", "Postmark webhook");
    String email = Json.required(json, "Email", "Postmark webhook");
    // Details holds the remote server's words; Description is Postmark's fixed text for the type.
    String details = Json.text(json, "Details");
    String diagnostic = details != null ? details : Json.text(json, "Type");
    return new Batch(List.of(new ProviderEvent(name(), id, meaning.type(), email, null,
        meaning.type() == Type.COMPLAINT ? null : Json.enhancedCode(details), diagnostic, meaning.reason(),
        Json.instant(Json.text(json, "BouncedAt")))), 0);
  }

  /** Compared as digests: equal lengths, so the time taken says nothing about the password. */
  private void authenticate(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      throw WebhookException.unsigned("Postmark webhook: HTTP basic credentials are required"
          + " (put them in the webhook URL: https://user:password@host/webhooks/postmark)");
    }
    String credentials;
    try {
      credentials = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()),
          StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw WebhookException.unsigned("Postmark webhook: the basic credentials are not base64");
    }
    if (!MessageDigest.isEqual(expected, digest(credentials))) {
      throw WebhookException.unsigned("Postmark webhook: wrong user name or password");
    }
  }

  private static byte[] digest(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
