package org.dripline.segment;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dripline.subscriber.Sendable;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Counts and samples who a rule selects right now, for marketers checking a segment before a run. */
@Repository
public class AudienceQuery {

  private final NamedParameterJdbcTemplate jdbc;

  public AudienceQuery(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public record Result(long count, List<String> sample) {
  }

  /** Subscribers matching every rule given (nulls ignored), with a sample of their addresses. */
  public Result select(String campaignId, Instant asOf, int sampleSize, Rule... rules) {
    // Sendable subscribers only, as enrollment sees them; one count, so the NOT EXISTS form is fine.
    StringBuilder where = new StringBuilder(Sendable.ROW);
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("campaignId", campaignId);
    int index = 0;
    for (Rule rule : rules) {
      if (rule != null) {
        AudienceSql.Condition condition = AudienceSql.compile(rule, "r" + index++ + "_", asOf);
        where.append(" and (").append(condition.sql()).append(")");
        parameters.putAll(condition.parameters());
      }
    }
    // Count and sample with the same condition; the sample is the lowest ids, stable between calls.
    long count = jdbc.queryForObject("select count(*) from subscribers s where " + where, parameters, Long.class);
    List<String> sample = sampleSize == 0 ? List.of() : org.dripline.infra.RowCap.of(jdbc, sampleSize)
        .queryForList("select s.email from subscribers s where " + where + " order by s.id", parameters, String.class);
    return new Result(count, sample);
  }
}
