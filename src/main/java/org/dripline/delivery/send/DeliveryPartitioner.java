package org.dripline.delivery.send;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.dripline.delivery.DueDeliveries;
import org.dripline.infra.UtcTime;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Splits the sendable deliveries into contiguous subscriber-id ranges, one per sending thread.
 * Ranges are by subscriber, so one subscriber's messages always go through one connection.
 */
class DeliveryPartitioner implements Partitioner {

  static final String FROM_ID = "fromSubscriberId";
  static final String TO_ID = "toSubscriberId";

  // The span of work waiting to be sent; ranges split it evenly between threads.
  private static final String SPAN = """
      select min(subscriber_id) as low, max(subscriber_id) as high from deliveries
      where %s
      """.formatted(DueDeliveries.WHERE);

  private final NamedParameterJdbcTemplate jdbc;
  private final String campaignId;
  private final Instant asOf;

  DeliveryPartitioner(NamedParameterJdbcTemplate jdbc, String campaignId, Instant asOf) {
    this.jdbc = jdbc;
    this.campaignId = campaignId;
    this.asOf = asOf;
  }

  @Override
  public Map<String, ExecutionContext> partition(int gridSize) {
    Map<String, Object> span = jdbc.queryForMap(SPAN, Map.of("campaignId", campaignId, "asOf", UtcTime.toDb(asOf)));
    Map<String, ExecutionContext> partitions = new HashMap<>();
    if (span.get("low") == null) {
      partitions.put("partition0", range(1, 0));
      return partitions;
    }
    long low = ((Number) span.get("low")).longValue();
    long high = ((Number) span.get("high")).longValue();
    long size = Math.max(1, (high - low + gridSize) / gridSize);
    int index = 0;
    for (long from = low; from <= high; from += size) {
      partitions.put("partition" + index++, range(from, Math.min(high, from + size - 1)));
    }
    return partitions;
  }

  private static ExecutionContext range(long from, long to) {
    ExecutionContext context = new ExecutionContext();
    context.putLong(FROM_ID, from);
    context.putLong(TO_ID, to);
    return context;
  }
}
