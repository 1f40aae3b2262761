package org.dripline.run;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How runs tell a dead owner from a live one ({@code dripline.run.*}).
 *
 * @param lease how old a running run's heartbeat may be before its process counts as dead: the next
 *              {@code run}, {@code restart} or scheduled tick of that run then recovers it without
 *              {@code --recover}. A run beats every few seconds (a quarter of the lease, at most 5 s),
 *              so the lease must outlast a long GC pause and the clock skew between hosts
 */
@ConfigurationProperties("dripline.run")
record RunSettings(@DefaultValue("2m") Duration lease) {

  RunSettings {
    if (lease == null || lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("dripline.run.lease must be a positive duration, was " + lease);
    }
  }

  /** How often a running run refreshes its heartbeat: often enough that a live one never looks stale. */
  Duration heartbeatEvery() {
    Duration quarter = lease.dividedBy(4);
    Duration floor = Duration.ofMillis(100);
    Duration ceiling = Duration.ofSeconds(5);
    return quarter.compareTo(floor) < 0 ? floor : quarter.compareTo(ceiling) > 0 ? ceiling : quarter;
  }
}
