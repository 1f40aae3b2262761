package org.dripline.bounce.providers;

import java.util.List;
import org.dripline.bounce.ProviderEvent;
import org.springframework.http.HttpHeaders;

/**
 * One provider's webhook: verify the request (signature or credentials), then read the bounces
 * and complaints out of it. Anything else the provider reports (deliveries, opens, clicks,
 * deferrals) is counted as ignored. Throws {@link WebhookException} for every refusal.
 */
interface ProviderWebhook {

  /** The path segment after /webhooks/ and the name in logs and in {@code bounce_events.detail}. */
  String name();

  /** Off until its secret or key is configured: then the endpoint answers 404. */
  boolean enabled();

  Batch read(HttpHeaders headers, byte[] body);

  /** The events of a verified request could not be recorded (the provider will retry it). */
  default void failed(byte[] body) {
  }

  /** What one request carried: the events to record and how many others were ignored. */
  record Batch(List<ProviderEvent> events, int ignored) {
  }
}
