package org.dripline.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dripline.lists.ListMemberships;
import org.dripline.report.CampaignReport;
import org.dripline.report.CampaignReports;
import org.dripline.run.NewsletterRuns;
import org.dripline.run.RunOptions;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.NewsletterFixture;
import org.dripline.testing.ScriptedSmtpServer;
import org.dripline.testing.SubscriberFiles;
import org.dripline.web.OpsHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A newsletter issue's console page over plain HTTP, as a logged-in marketer gets it: the report of
 * {@code report --campaign ISSUE} (recipients, one row per variant, the A/B verdict), none of a
 * series' figures or forms; and the campaign list marks it a newsletter issue. Sent for real to a
 * scripted SMTP server on a private H2.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "dripline.console.username=marketer", "dripline.console.password=" + IssuePageIntegrationTests.PASSWORD,
    "dripline.api.token=" + IssuePageIntegrationTests.TOKEN, "dripline.send.threads=2"})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class IssuePageIntegrationTests {

  static final String PASSWORD = "issue-page-secret";
  static final String TOKEN = "issue-page-token-0123456789";
  static final Instant T0 = Instant.parse("2029-06-01T10:00:00Z");
  static final ScriptedSmtpServer SMTP = server();

  @TempDir
  static Path newsletters;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:issue-page-" + java.util.UUID.randomUUID()
        + ";DB_CLOSE_DELAY=-1");
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", SMTP::port);
    registry.add("dripline.newsletters-dir", () -> newsletters.toString());
  }

  @AfterAll
  static void stopSmtp() throws IOException {
    SMTP.close();
  }

  @Autowired
  NewsletterRuns runs;
  @Autowired
  CampaignReports reports;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  SubscriberImporter importer;
  @Autowired
  ListMemberships memberships;
  @LocalServerPort
  int port;

  OpsHttp http;

  @BeforeEach
  void loggedIn() throws Exception {
    http = OpsHttp.of(port, TOKEN);
    assertThat(http.logIn("marketer", PASSWORD).statusCode()).isEqualTo(302);
  }

  @Test
  void anAbIssuesPageShowsRecipientsVariantRowsAndTheVerdictAndNoSeriesFigures() throws Exception {
    // given 20 on the list and an issue testing two subjects on half of them for 4 hours
    writeIssue("page-ab", "send_at: \"2030-01-10T09:00:00Z\"\n"
        + NewsletterFixture.abTest(50, 42));
    audience("pab", 20);

    // when the test share is sent, everyone sent b opens it, and the page is opened inside the window
    runs.send("page-ab", T0, RunOptions.NONE, view -> { });
    jdbc.update("""
        insert into events (delivery_id, type, occurred_at, machine, machine_reason, user_agent_class)
        select id, 'OPEN', ?, false, null, 'browser' from deliveries where campaign_id = 'page-ab' and step_id = 'b'
        """, java.sql.Timestamp.valueOf("2029-06-01 10:30:00"));
    String during = page("page-ab");

    // then it shows the standings, no winner chosen yet
    assertThat(during).contains("A/B test by human opens").contains("The test window is open: standings so far");

    // when the window has closed, the rest is sent the winner, and the page is opened again
    runs.send("page-ab", T0.plusSeconds(5 * 3_600), RunOptions.NONE, view -> { });
    String html = page("page-ab");
    CampaignReport report = reports.report("page-ab");

    // then it is the report's: 20 recipients, a row per variant, the verdict line, b sent to the rest
    assertThat(SMTP.accepted).hasSize(20);
    assertThat(report.recipients()).isEqualTo(20L);
    assertThat(html).contains("<b id=\"kind\">newsletter issue</b>")
        .contains("<div>Recipients<b id=\"total-recipients\">20</b></div>")
        .contains("<div>Sent<b id=\"total-sent\">20</b></div>")
        .contains("<h2>Variants</h2>").contains("<tr data-step=\"a\">").contains("<tr data-step=\"b\">")
        .containsPattern("<tr data-step=\"b\">\\s*<td>b</td><td class=\"subject\">Subject B</td><td class=\"n\">"
            + report.steps().get(1).sent() + "</td>")
        .contains(escaped(report.abTest().verdict()))
        .contains("The rest of the audience was sent b (its row above counts them too;");
    assertThat(report.abTest().verdict()).startsWith("Winner: b (");
    // and nothing of a series: no enrolled, left-series or goal figures, lifecycle, versions, preview or timeline
    assertThat(html).doesNotContain("Enrolled").doesNotContain("Left this series").doesNotContain("Goal met")
        .doesNotContain("id=\"lifecycle\"").doesNotContain("id=\"versions\"").doesNotContain("/preview")
        .doesNotContain("timeline");
  }

  @Test
  void anUnsentIssueSaysNoRecipientsYetAndTheListMarksItANewsletterIssue() throws Exception {
    // given a plain issue nobody has been sent yet
    writeIssue("page-plain", "subject: \"This week\"\nsend_at: \"2030-01-10T09:00:00Z\"\n");

    // when its page and the campaign list are opened
    HttpResponse<String> issue = http.getWithout("/console/campaigns/page-plain");
    String list = http.getWithout("/console").body();

    // then the page counts no one rather than 0 enrolled, with its one variant and no A/B part
    assertThat(issue.statusCode()).isEqualTo(200);
    assertThat(issue.body()).contains("<b id=\"total-recipients\">none yet</b>").contains("id=\"not-sent\"")
        .contains("<tr data-step=\"issue\">").doesNotContain("Enrolled").doesNotContain("id=\"ab-test\"");
    // and the list links it, marked a newsletter issue, next to the drips with their versions
    assertThat(list).containsPattern("<tr class=\"issue\">\\s*<td><a href=\"/console/campaigns/page-plain\">page-plain</a>")
        .contains("<td class=\"kind\">newsletter issue</td>").contains("<a href=\"/console/campaigns/working-mom-guilt\">");
    // and an id that is neither is still a 404
    assertThat(http.getWithout("/console/campaigns/no-such-issue").statusCode()).isEqualTo(404);
  }

  private String page(String id) throws Exception {
    HttpResponse<String> response = http.getWithout("/console/campaigns/" + id);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  /** As the console's HTML templates escape it. */
  private static String escaped(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** The shipped issue's head (its template and links) with {@code body} after it. */
  private static void writeIssue(String id, String body) throws IOException {
    NewsletterFixture.writeIssue(newsletters, id, body);
  }

  /** {@code count} subscribers, all joined to the issues' list. */
  private void audience(String prefix, int count) {
    importer.importFile(SubscriberFiles.tagged(prefix, count), "test");
    List<Long> ids = jdbc.queryForList("select id from subscribers where email like ? order by id", Long.class,
        prefix + "%");
    Map<Long, Set<String>> joins = new HashMap<>();
    ids.forEach(id -> joins.put(id, Set.of("stories-weekly")));
    memberships.joinImported(joins, new ListMemberships.Consent("test", "v1", null), Instant.now());
  }

  private static ScriptedSmtpServer server() {
    try {
      return new ScriptedSmtpServer(Set.of(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
