package org.dripline.delivery.send;

import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The per-second counts of {@code send_rate_slots}: how many messages every process together has
 * been granted under one limit in one second. Grants are compare-and-set updates (no row locks,
 * no transaction), so a process that dies holding nothing blocks nobody.
 */
@Component
class RateSlots {

  /** Slots this old (seconds) are no use to anyone; deleted when a limit's next second starts. */
  static final long KEPT_SECONDS = 60;
  private static final int ATTEMPTS = 5;

  private final NamedParameterJdbcTemplate jdbc;

  RateSlots(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Up to {@code wanted} messages of {@code bucket}'s {@code limit} in {@code second}; 0 when it is used up. */
  int take(String bucket, long second, int wanted, int limit) {
    Map<String, Object> key = Map.of("bucket", bucket, "slot", second);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      // The count so far decides the grant; the update below applies it only if nobody took in between.
      List<Integer> counts = jdbc.queryForList("select taken from send_rate_slots where bucket = :bucket and slot = :slot",
          key, Integer.class);
      if (counts.isEmpty()) {
        int grant = Math.min(wanted, limit);
        try {
          // The first process in this second creates its row; the primary key makes a second creator retry.
          jdbc.update("insert into send_rate_slots (bucket, slot, taken) values (:bucket, :slot, :taken)",
              Map.of("bucket", bucket, "slot", second, "taken", grant));
        } catch (DuplicateKeyException anotherProcessFirst) {
          continue;
        }
        // Old seconds are deleted by whoever opens a new one: one statement per limit and second.
        jdbc.update("delete from send_rate_slots where bucket = :bucket and slot < :oldest",
            Map.of("bucket", bucket, "oldest", second - KEPT_SECONDS));
        return grant;
      }
      int taken = counts.get(0);
      int grant = Math.min(wanted, limit - taken);
      if (grant <= 0) {
        return 0;
      }
      // Compare-and-set: granted only if the count is still what the grant was computed from.
      int updated = jdbc.update("update send_rate_slots set taken = :after where bucket = :bucket and slot = :slot"
          + " and taken = :before", Map.of("bucket", bucket, "slot", second, "before", taken, "after", taken + grant));
      if (updated == 1) {
        return grant;
      }
    }
    // Much contention: take one, if one is left.
    return jdbc.update("update send_rate_slots set taken = taken + 1 where bucket = :bucket and slot = :slot"
        + " and taken < :limit", Map.of("bucket", bucket, "slot", second, "limit", limit));
  }
}
