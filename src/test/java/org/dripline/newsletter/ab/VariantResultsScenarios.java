package org.dripline.newsletter.ab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dripline.campaign.Broadcast.AbTest.Metric;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The A/B tally against real ledger and event rows, and the SQL form of the assignment against the
 * Java one, in a real database. {@link VariantResultsIntegrationTests} runs it on H2 (the shared
 * no-SMTP context), {@link VariantResultsMySqlIntegrationTests} on MariaDB through Connector/J.
 *
 * <p>Subscribers come in through the importer (the subscriber module's public API); the snapshot's
 * recipient rows, deliveries and events are rows written here, as in the campaign report scenario,
 * because their owners write them only while snapshotting, sending and tracking. The fixture uses its own issue id and addresses instead of
 * emptying shared tables, so it neither depends on nor disturbs what other classes left.
 */
@SpringBootTest(properties = {TestEnvironment.NO_SMTP, TestEnvironment.SHARED_H2})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
abstract class VariantResultsScenarios {

  static final String ISSUE = "ab-tally-fixture";
  static final LocalDateTime AT = LocalDateTime.parse("2026-12-10T09:00:00");

  @Autowired
  VariantResults results;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  NamedParameterJdbcTemplate named;

  @Autowired
  SubscriberImporter importer;

  @Test
  void countsUniqueHumanOpenersAndClickersPerVariantAndMachineEventsNeverCount() {
    // given eight readers of an issue tested with subjects a and b, four each, all sent
    StringBuilder csv = new StringBuilder("email\n");
    for (int i = 1; i <= 10; i++) {
      csv.append("ab-reader-").append(i).append("@example.org\n");
    }
    importer.importStream(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "ab.csv", "test");
    long[] a = {delivery("a", 1, "SENT"), delivery("a", 2, "SENT"), delivery("a", 3, "SENT"), delivery("a", 4, "SENT")};
    long[] b = {delivery("b", 5, "SENT"), delivery("b", 6, "SENT"), delivery("b", 7, "SENT"), delivery("b", 8, "SENT")};
    // and a ninth whose copy of a failed: not sent, so not in the denominator, whatever it shows
    long failed = delivery("a", 9, "FAILED");
    // and a's readers: 1 opened twice, 2 opened and clicked twice, 3 was only opened by a privacy proxy,
    // 4's link was followed by a scanner
    event(a[0], "OPEN", false);
    event(a[0], "OPEN", false);
    event(a[1], "OPEN", false);
    event(a[1], "CLICK", false);
    event(a[1], "CLICK", false);
    event(a[2], "OPEN", true);
    event(a[3], "CLICK", true);
    event(failed, "OPEN", false);
    // and b's: one human open, and a proxy that fetched the pixel for the other three
    event(b[0], "OPEN", false);
    event(b[1], "OPEN", true);
    event(b[2], "OPEN", true);
    event(b[3], "OPEN", true);
    // and a drip with a step named a, whose events are not the issue's
    long drip = deliveryOf("another-campaign", "a", 1, "SENT");
    event(drip, "OPEN", false);
    // and the rest, sent the winner a after the window: neither sent nor openers of the test
    long rest = delivery("a", 10, "SENT");
    event(rest, "OPEN", false);

    // when the issue's variants are tallied (c was never sent)
    List<VariantTally> tallies = results.tally(ISSUE, List.of("a", "b", "c"));

    // then each variant counts the people sent and the people with a human open / click, once each
    assertThat(tallies).containsExactly(new VariantTally("a", 4, 2, 1), new VariantTally("b", 4, 1, 0),
        new VariantTally("c", 0, 0, 0));
    // and by opens a wins, though b would have won had the proxy's opens counted (4 of 4)
    WinnerChoice.Result result = WinnerChoice.choose(tallies, Metric.OPENS);
    assertThat(result.winner()).isEqualTo("a");
    assertThat(result.significant()).isFalse();
    assertThat(AbReport.lines(result, Metric.OPENS)).last().asString().contains(AbReport.NOT_SIGNIFICANT);
  }

  @Test
  void theSqlAssignmentAgreesWithTheJavaOneOnEveryId() {
    // given a three-variant test and a BIGINT id column (as subscriber ids are) holding 10,000 ids at
    // each of three ranges: small, past 2^32, past 2^40
    VariantAssignment assignment = new VariantAssignment(20261210L, List.of("a", "b", "c"), 30);
    // a scratch table of the test only: the snapshot's real source is list_subscriptions.subscriber_id
    jdbc.execute("create table if not exists ab_test_ids (id bigint primary key)");
    jdbc.update("delete from ab_test_ids");
    List<Object[]> ids = new ArrayList<>();
    for (long base : new long[] {1, 4_294_967_000L, 1_099_511_627_776L}) {
      for (long i = 0; i < 10_000; i++) {
        ids.add(new Object[] {base + i});
      }
    }
    jdbc.batchUpdate("insert into ab_test_ids (id) values (?)", ids);

    // when the database computes every id's variant with the SQL form
    Map<Long, String> inDatabase = new HashMap<>();
    named.query("select t.id, " + assignment.sqlVariant("t.id") + " as variant from ab_test_ids t",
        assignment.sqlParameters(), rs -> {
          inDatabase.put(rs.getLong("id"), rs.getString("variant"));
        });

    // then it is what Java says, id for id, with null for the rest
    assertThat(inDatabase).hasSize(30_000);
    inDatabase.forEach((id, variant) ->
        assertThat(variant).as("subscriber %d", id).isEqualTo(assignment.assign(id).orElse(null)));
    assertThat(inDatabase.values().stream().filter(v -> v != null).count()).isBetween(8_000L, 10_000L);
  }

  long delivery(String variant, int reader, String status) {
    // the snapshot's row: readers 1-9 are in the test with this variant, reader 10 is in the rest
    jdbc.update("insert into newsletter_recipients (issue_id, subscriber_id, variant, added_at) values (?, ?, ?, ?)",
        ISSUE, subscriber(reader), reader == 10 ? null : variant, AT);
    return deliveryOf(ISSUE, variant, reader, status);
  }

  long subscriber(int reader) {
    return jdbc.queryForObject("select id from subscribers where email = ?", Long.class,
        "ab-reader-" + reader + "@example.org");
  }

  long deliveryOf(String campaign, String step, int reader, String status) {
    long subscriber = subscriber(reader);
    jdbc.update("insert into deliveries (campaign_id, step_id, subscriber_id, due_at, status, attempts, planned_at)"
        + " values (?, ?, ?, ?, ?, 1, ?)", campaign, step, subscriber, AT, status, AT);
    return jdbc.queryForObject("select id from deliveries where campaign_id = ? and step_id = ? and subscriber_id = ?",
        Long.class, campaign, step, subscriber);
  }

  void event(long delivery, String type, boolean machine) {
    jdbc.update("insert into events (delivery_id, type, occurred_at, link_id, machine, machine_reason, user_agent_class)"
        + " values (?, ?, ?, null, ?, ?, 'browser')", delivery, type, AT, machine, machine ? "proxy" : null);
  }
}
