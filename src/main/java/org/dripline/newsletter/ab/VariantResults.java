package org.dripline.newsletter.ab;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts what each variant of an A/B-tested issue did, in unique people, from the delivery ledger
 * and tracking's event log: read-only, two grouped queries whatever the audience size.
 *
 * <p>Human or machine is not decided here: tracking decides it once, when it writes the event
 * ({@code MachineDetector}: privacy proxies, link scanners, the honeypot, anything inside the machine
 * window), and stores it in {@code events.machine}. Reports, segment conditions and this tally all
 * read that one column, so a variant cannot win on opens that the report calls machine opens.
 */
@Component
public class VariantResults {

  // People sent each variant: the denominator of every rate. A variant is a step of the issue, and the
  // ledger holds one row per (issue, step, person), so rows are people; distinct keeps it true anyway.
  private static final String SENT = """
      select step_id, count(distinct subscriber_id) as people
      from deliveries
      where campaign_id = :issueId and step_id in (:variants) and status = 'SENT'
      group by step_id
      """;
  // People with at least one human open / click per variant: machine events (events.machine, set by
  // tracking) never count, repeated opens by one reader count once, and only sent messages count so
  // the numerator is a subset of the denominator.
  private static final String HUMAN = """
      select d.step_id, e.type, count(distinct d.subscriber_id) as people
      from events e join deliveries d on d.id = e.delivery_id
      where d.campaign_id = :issueId and d.step_id in (:variants) and d.status = 'SENT'
        and e.type in ('OPEN', 'CLICK') and e.machine = false
      group by d.step_id, e.type
      """;

  private final NamedParameterJdbcTemplate jdbc;

  public VariantResults(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One tally per variant, in the order given (file order, which breaks ties in {@link WinnerChoice});
   * a variant nobody was sent yet tallies zeros.
   *
   * @param issueId  the newsletter issue (its deliveries' campaign id)
   * @param variants the variant (step) ids of the test
   */
  public List<VariantTally> tally(String issueId, List<String> variants) {
    if (issueId == null || issueId.isBlank() || variants == null || variants.isEmpty()) {
      throw new IllegalArgumentException("a tally needs the issue and its variants");
    }
    List<String> ids = List.copyOf(new LinkedHashSet<>(variants));
    Map<String, Object> parameters = Map.of("issueId", issueId, "variants", ids);
    Map<String, long[]> counts = new HashMap<>();
    ids.forEach(id -> counts.put(id, new long[3]));
    jdbc.query(SENT, parameters, rs -> {
      counts.get(rs.getString("step_id"))[0] = rs.getLong("people");
    });
    jdbc.query(HUMAN, parameters, rs -> {
      long[] c = counts.get(rs.getString("step_id"));
      c["OPEN".equals(rs.getString("type")) ? 1 : 2] = rs.getLong("people");
    });
    List<VariantTally> tallies = new ArrayList<>();
    for (String id : ids) {
      long[] c = counts.get(id);
      tallies.add(new VariantTally(id, c[0], c[1], c[2]));
    }
    return List.copyOf(tallies);
  }
}
