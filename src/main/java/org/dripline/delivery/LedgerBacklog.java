package org.dripline.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code dripline.ledger.backlog}: deliveries planned and not yet sent, over all campaigns. The
 * count is cached for {@link #MAX_AGE} so that however often Prometheus (or several) scrape, the
 * ledger sees at most one count query per 15 s.
 */
@Component
class LedgerBacklog {

  private static final Logger log = LoggerFactory.getLogger(LedgerBacklog.class);
  static final Duration MAX_AGE = Duration.ofSeconds(15);

  private final NamedParameterJdbcTemplate jdbc;
  private final Clock clock;
  private Instant countedAt = Instant.MIN;
  private double backlog = Double.NaN;

  LedgerBacklog(NamedParameterJdbcTemplate jdbc, Clock clock, MeterRegistry registry) {
    this.jdbc = jdbc;
    this.clock = clock;
    Gauge.builder("dripline.ledger.backlog", this, LedgerBacklog::value)
        .description("Deliveries PLANNED and not yet sent (counted at most every 15 s)")
        .register(registry);
  }

  synchronized double value() {
    Instant now = clock.instant();
    if (Duration.between(countedAt, now).compareTo(MAX_AGE) >= 0) {
      countedAt = now;
      try {
        // ix_deliveries_sendable (campaign_id, status, subscriber_id) covers it: an index scan, no table rows.
        Long count = jdbc.queryForObject("select count(*) from deliveries where status = :status",
            Map.of("status", DeliveryStatus.PLANNED.name()), Long.class);
        backlog = count == null ? 0 : count;
      } catch (DataAccessException e) {
        log.debug("ledger backlog not counted: {}", e.getMessage());
        backlog = Double.NaN;
      }
    }
    return backlog;
  }
}
