package org.dripline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The campaign report against a known ledger: every number below is counted by hand from the
 * rows this fixture writes. {@link CampaignReportIntegrationTests} runs it on H2 (in the context
 * shared by the tests that send nothing, see {@link TestEnvironment#SHARED_H2}),
 * {@link CampaignReportMySqlIntegrationTests} on MariaDB through Connector/J.
 */
@SpringBootTest(properties = {TestEnvironment.NO_SMTP, TestEnvironment.SHARED_H2})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
abstract class CampaignReportScenarios {

  static final String CAMPAIGN = "working-mom-guilt";
  static final LocalDateTime AT = LocalDateTime.parse("2026-12-01T08:00:00");

  @Autowired
  CampaignReports reports;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  SubscriberImporter importer;

  @BeforeEach
  void noRows() {
    // on H2 the database is shared with other classes: start from an empty ledger
    TestEnvironment.emptyTables(jdbc);
  }

  @Test
  void countsEveryStepAndLinkExactlyAsTheLedgerAndEventsSay() {
    // given four readers: the welcome went to all four, week-1 to two (one refused with 550)
    importer.importStream(new ByteArrayInputStream("""
        email,tags
        a@example.org,working-mom
        b@example.org,working-mom
        c@example.org,working-mom
        d@example.org,working-mom
        """.getBytes(StandardCharsets.UTF_8)), "fixture.csv", "test");
    long a = id("a@example.org");
    long b = id("b@example.org");
    long c = id("c@example.org");
    long d = id("d@example.org");
    for (long s : new long[] {a, b, c, d}) {
      jdbc.update("insert into enrollments (campaign_id, subscriber_id, version_hash, enrolled_at, state) values (?, ?, 'v', ?, ?)",
          CAMPAIGN, s, AT, s == d ? "UNSUBSCRIBED" : "ACTIVE");
    }
    long wa = delivery("welcome", a, "SENT", "250 ok");
    long wb = delivery("welcome", b, "SENT", "250 ok");
    long wc = delivery("welcome", c, "SENT", "250 ok");
    delivery("welcome", d, "SENT", "250 ok");
    long ka = delivery("week-1", a, "SENT", "250 ok");
    delivery("week-1", b, "FAILED", "550 5.1.1 no such user");
    delivery("week-1", c, "PLANNED", null);
    delivery("week-1-daycare", d, "SKIPPED", null);
    delivery("week-2", a, "SENDING", null);
    long home = link("welcome", "https://example.org/home");
    long post = link("welcome", "https://example.org/post");

    // and a opened the welcome twice and clicked home twice, b's opens came from a proxy, a scanner
    // clicked post in b's copy, c unsubscribed from the welcome, a's week-1 bounced later
    event(wa, "OPEN", null, false);
    event(wa, "OPEN", null, false);
    event(wa, "CLICK", home, false);
    event(wa, "CLICK", home, false);
    event(wb, "OPEN", null, true);
    event(wb, "CLICK", post, true);
    event(wc, "OPEN", null, false);
    event(wc, "UNSUBSCRIBE", null, false);
    jdbc.update("insert into bounce_events (mailbox_key, kind, email, subscriber_id, delivery_id, status_code, created_at)"
        + " values ('k1', 'HARD_BOUNCE', 'a@example.org', ?, ?, '5.1.1', ?)", a, ka, AT);
    jdbc.update("insert into bounce_events (mailbox_key, kind, email, subscriber_id, delivery_id, status_code, created_at)"
        + " values ('k2', 'COMPLAINT', 'a@example.org', ?, ?, null, ?)", a, wa, AT);

    // when the report is built
    CampaignReport report = reports.report(CAMPAIGN);

    // then each step says what happened to it
    assertThat(report.steps()).extracting(StepReport::stepId).startsWith("welcome", "week-1", "week-1-daycare", "week-2");
    StepReport welcome = report.steps().get(0);
    assertThat(welcome).isEqualTo(new StepReport("welcome", welcome.subject(), null, 4, 0, 0, 0, 0, 2, 1, 1, 1, 1, 0));
    StepReport week1 = report.steps().get(1);
    assertThat(week1).isEqualTo(new StepReport("week-1", week1.subject(), null, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 2));
    assertThat(report.steps().get(2).skipped()).isEqualTo(1);
    assertThat(report.steps().get(3).ambiguous()).isEqualTo(1);
    assertThat(report.steps().subList(4, report.steps().size())).allSatisfy(s -> assertThat(s.sent()).isZero());

    // and the links, the campaign's totals and the rates add up
    assertThat(report.links()).containsExactly(new LinkReport("welcome", "https://example.org/home", 2, 0),
        new LinkReport("welcome", "https://example.org/post", 0, 1));
    assertThat(report.sent()).isEqualTo(5);
    assertThat(report.unsubscribes()).isEqualTo(1);
    assertThat(report.bounces()).isEqualTo(2);
    assertThat(report.enrolled()).isEqualTo(4);
    assertThat(report.leftSeries()).isEqualTo(1);
    assertThat(report.complaints()).isEqualTo(1);
    assertThat(welcome.openRate()).isEqualTo(0.5);
    // and the subjects are rendered for the sample subscriber, not the template's source
    assertThat(welcome.subject()).isEqualTo("Sam, you love your kids and your career");
    assertThat(week1.subject()).isEqualTo("What working mom guilt really is");
  }

  long id(String email) {
    return jdbc.queryForObject("select id from subscribers where email = ?", Long.class, email);
  }

  long delivery(String step, long subscriber, String status, String reply) {
    jdbc.update("insert into deliveries (campaign_id, step_id, subscriber_id, due_at, status, attempts, planned_at,"
        + " smtp_reply, last_error) values (?, ?, ?, ?, ?, 1, ?, ?, ?)", CAMPAIGN, step, subscriber, AT, status, AT, reply,
        status.equals("SKIPPED") ? "condition not met at planning" : null);
    return jdbc.queryForObject("select id from deliveries where campaign_id = ? and step_id = ? and subscriber_id = ?",
        Long.class, CAMPAIGN, step, subscriber);
  }

  long link(String step, String url) {
    jdbc.update("insert into links (campaign_id, step_id, url, url_hash, created_at) values (?, ?, ?, ?, ?)",
        CAMPAIGN, step, url, Integer.toHexString(url.hashCode()), AT);
    return jdbc.queryForObject("select id from links where url = ?", Long.class, url);
  }

  void event(long delivery, String type, Long link, boolean machine) {
    jdbc.update("insert into events (delivery_id, type, occurred_at, link_id, machine, machine_reason, user_agent_class)"
        + " values (?, ?, ?, ?, ?, ?, 'browser')", delivery, type, AT, link, machine, machine ? "scanner" : null);
  }
}
