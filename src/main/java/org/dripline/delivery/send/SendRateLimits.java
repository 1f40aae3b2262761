package org.dripline.delivery.send;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.dripline.delivery.SendSettings;
import org.springframework.stereotype.Component;

/**
 * The global and per-domain send rates as token buckets shared by every sending thread of this
 * process: a thread waits for a token instead of sleeping on a guess. Buckets refill greedily and
 * hold at most one second of tokens, so a burst never exceeds the configured rate.
 */
@Component
class SendRateLimits {

  private final Bucket global;
  private final Map<String, Bucket> domains = new HashMap<>();

  SendRateLimits(SendSettings settings) {
    this.global = settings.ratePerSecond() > 0 ? bucket(settings.ratePerSecond()) : null;
    settings.domainRates().forEach((domain, rate) -> domains.put(domain.toLowerCase(Locale.ROOT), bucket(rate)));
  }

  /** Blocks until both the global and the recipient domain's limit allow one more message. */
  void acquire(String recipient) throws InterruptedException {
    if (global != null) {
      global.asBlocking().consume(1);
    }
    if (!domains.isEmpty()) {
      Bucket domain = domains.get(recipient.substring(recipient.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT));
      if (domain != null) {
        domain.asBlocking().consume(1);
      }
    }
  }

  private static Bucket bucket(int perSecond) {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)))
        .build();
  }
}
