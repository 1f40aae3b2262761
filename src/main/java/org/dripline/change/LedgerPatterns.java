package org.dripline.change;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dripline.enrollment.ActiveEnrollment;
import org.dripline.infra.UtcTime;
import org.dripline.segment.AudienceSql;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads, never writes: where the people in flight stand, as {@link LedgerPattern}s. */
@Repository
class LedgerPatterns {

  private static final int RANGE = 10_000;

  // The span of the campaign's enrollments, walked in id ranges so no result set holds everyone.
  private static final String SPAN = """
      select min(subscriber_id) as low, max(subscriber_id) as high from enrollments where campaign_id = :campaignId
      """;
  // One range of active enrollments with each of their ledger rows (none: one row of nulls),
  // ordered so each subscriber's rows arrive together.
  private static final String RANGE_ROWS = """
      select e.subscriber_id, e.version_hash, e.enrolled_at, d.step_id, d.status
      from enrollments e left join deliveries d on d.campaign_id = e.campaign_id and d.subscriber_id = e.subscriber_id
      where e.campaign_id = :campaignId and %s and e.subscriber_id between :fromId and :toId
      order by e.subscriber_id
      """.formatted(ActiveEnrollment.ACTIVE);
  // Those in flight on the given versions without a row for the step yet, and how many of them
  // each of two conditions matches: what a changed step condition does to them.
  private static final String CONDITION_COUNTS = """
      select coalesce(sum(case when (%s) then 1 else 0 end), 0) as before_change,
             coalesce(sum(case when (%s) then 1 else 0 end), 0) as after_change
      from enrollments e join subscribers s on s.id = e.subscriber_id
           left join deliveries d on d.campaign_id = e.campaign_id and d.step_id = :stepId
                                 and d.subscriber_id = e.subscriber_id
      where e.campaign_id = :campaignId and %s and e.version_hash in (:versions) and d.id is null
      """;

  private final NamedParameterJdbcTemplate jdbc;

  LedgerPatterns(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<LedgerPattern> of(String campaignId) {
    Map<String, Object> span = jdbc.queryForMap(SPAN, Map.of("campaignId", campaignId));
    Map<String, Aggregate> byPlace = new HashMap<>();
    if (span.get("low") == null) {
      return List.of();
    }
    long low = ((Number) span.get("low")).longValue();
    long high = ((Number) span.get("high")).longValue();
    for (long from = low; from <= high; from += RANGE) {
      Subscriber[] current = {null};
      MapSqlParameterSource params = new MapSqlParameterSource("campaignId", campaignId).addValue("fromId", from)
          .addValue("toId", Math.min(high, from + RANGE - 1));
      jdbc.query(RANGE_ROWS, params, rs -> {
        long id = rs.getLong("subscriber_id");
        if (current[0] == null || current[0].id != id) {
          add(byPlace, current[0]);
          current[0] = new Subscriber(id, rs.getString("version_hash"),
              UtcTime.fromDb(rs.getObject("enrolled_at", LocalDateTime.class)), new TreeMap<>());
        }
        String step = rs.getString("step_id");
        if (step != null) {
          current[0].steps.put(step, LedgerPattern.Held.of(rs.getString("status")));
        }
      });
      add(byPlace, current[0]);
    }
    List<LedgerPattern> patterns = new ArrayList<>();
    byPlace.values().forEach(a -> patterns.add(new LedgerPattern(a.version, a.steps, a.count, a.first, a.last)));
    return patterns;
  }

  /** Of those on {@code versions} still without step {@code stepId}: how many each condition matches. */
  long[] conditionCounts(String campaignId, List<String> versions, String stepId, AudienceSql.Condition before,
      AudienceSql.Condition after) {
    MapSqlParameterSource params = new MapSqlParameterSource("campaignId", campaignId).addValue("versions", versions)
        .addValue("stepId", stepId).addValues(before.parameters()).addValues(after.parameters());
    return jdbc.queryForObject(CONDITION_COUNTS.formatted(before.sql(), after.sql(), ActiveEnrollment.ACTIVE), params,
        (rs, n) -> new long[] {rs.getLong("before_change"), rs.getLong("after_change")});
  }

  private static void add(Map<String, Aggregate> byPlace, Subscriber s) {
    if (s == null) {
      return;
    }
    Aggregate a = byPlace.computeIfAbsent(s.version + "|" + s.steps, k -> new Aggregate(s.version, s.steps));
    a.count++;
    a.first = a.first == null || s.enrolledAt.isBefore(a.first) ? s.enrolledAt : a.first;
    a.last = a.last == null || s.enrolledAt.isAfter(a.last) ? s.enrolledAt : a.last;
  }

  private record Subscriber(long id, String version, Instant enrolledAt, TreeMap<String, LedgerPattern.Held> steps) {
  }

  private static final class Aggregate {
    final String version;
    final Map<String, LedgerPattern.Held> steps;
    long count;
    Instant first;
    Instant last;

    Aggregate(String version, Map<String, LedgerPattern.Held> steps) {
      this.version = version;
      this.steps = steps;
    }
  }
}
