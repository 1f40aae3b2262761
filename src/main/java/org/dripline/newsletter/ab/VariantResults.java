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
 * and tracking's event log: read-only, two grouped queries whatever the audience size. Only the
 * test's recipients count (the snapshot's {@code newsletter_recipients.variant}), so the numbers are
 * the same before and after the rest has been sent the winner.
 *
 * <p>Human or machine is not decided here: tracking decides it once, when it writes the event
 * ({@code MachineDetector}: privacy proxies, link scanners, the honeypot, anything inside the machine
 * window), and stores it in {@code events.machine}. Reports, segment conditions and this tally all
 * read that one column, so a variant cannot win on opens that the report calls machine opens.
 */
@Component
public class VariantResults {

  // People sent each variant in the test: the denominator of every rate. Only the test's recipients
  // count (their snapshot row names the variant): the rest are later sent the winner under the same
  // step id, and counting them would dilute the winner's rate with people who had less time to open.
  private static final String SENT = """
      select d.step_id, count(distinct d.subscriber_id) as people
      from deliveries d
      join newsletter_recipients r on r.issue_id = d.campaign_id and r.subscriber_id = d.subscriber_id
        and r.variant = d.step_id
      where d.campaign_id = :issueId and d.step_id in (:variants) and d.status = 'SENT'
      group by d.step_id
      """;
  // Of them, people with at least one human open / click per variant: machine events (events.machine,
  // set by tracking) never count, repeated opens by one reader count once, and only the sent messages
  // of the test's recipients count, so the numerator is a subset of the denominator.
  private static final String HUMAN = """
      select d.step_id, e.type, count(distinct d.subscriber_id) as people
      from events e
      join deliveries d on d.id = e.delivery_id
      join newsletter_recipients r on r.issue_id = d.campaign_id and r.subscriber_id = d.subscriber_id
        and r.variant = d.step_id
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
   * a variant nobody was sent yet tallies zeros, and so does an issue without A/B (its recipients carry
   * no variant).
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
