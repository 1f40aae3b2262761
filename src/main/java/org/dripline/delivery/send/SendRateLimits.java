package org.dripline.delivery.send;

import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.dripline.delivery.SendSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The global and per-domain send rates, held by every sending thread of every process on the
 * database together ({@link SharedRateBucket}): two processes sharing a database send at the
 * configured rate, not twice it. Within the process a token bucket (refilled greedily, at most one
 * second of tokens) spreads the messages over the second instead of sending a second's share at once.
 */
@Component
class SendRateLimits {

  private final Limit global;
  private final Map<String, Limit> domains = new HashMap<>();

  @Autowired
  SendRateLimits(SendSettings settings, RateSlots slots) {
    this(settings, slots, Clock.systemUTC(), SharedRateBucket.SLEEP);
  }

  SendRateLimits(SendSettings settings, RateSlots slots, Clock clock, SharedRateBucket.Pause pause) {
    this.global = settings.ratePerSecond() > 0
        ? new Limit(local(settings.ratePerSecond()), new SharedRateBucket("global", settings.ratePerSecond(), slots, clock, pause))
        : null;
    settings.domainRates().forEach((domain, rate) -> {
      String name = domain.toLowerCase(Locale.ROOT);
      domains.put(name, new Limit(local(rate), new SharedRateBucket("domain:" + name, rate, slots, clock, pause)));
    });
  }

  /** Blocks until both the global and the recipient domain's limit allow one more message. */
  void acquire(String recipient) throws InterruptedException {
    if (global != null) {
      global.acquire();
    }
    if (!domains.isEmpty()) {
      Limit domain = domains.get(recipient.substring(recipient.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT));
      if (domain != null) {
        domain.acquire();
      }
    }
  }

  private record Limit(Bucket local, SharedRateBucket shared) {
    void acquire() throws InterruptedException {
      local.asBlocking().consume(1);
      shared.acquire();
    }
  }

  private static Bucket local(int perSecond) {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)))
        .build();
  }
}
