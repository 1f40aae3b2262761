package org.dripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dripline.DriplineApplication;
import org.dripline.lists.ListMemberships;
import org.dripline.run.NewsletterRuns;
import org.dripline.run.RunOptions;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.NewsletterFixture;
import org.dripline.testing.ScriptedSmtpServer;
import org.dripline.testing.SubscriberFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code report} for a newsletter issue on H2 with a real SMTP server: it says recipients (the
 * audience snapshot), never "0 enrolled", drops the series-only numbers, and for an A/B issue says
 * which variant won and whether that is significant, in table, CSV and JSON alike.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class IssueReportIntegrationTests {

  static final String LIST = "stories-weekly";
  static final Instant T0 = Instant.parse("2029-06-01T10:00:00Z");

  @TempDir
  Path newsletters;

  @Test
  void anIssueSentToTwentyFiveShowsTwentyFiveRecipientsNotZeroEnrolledInEveryFormat() throws Exception {
    // given 25 on the list and a plain issue
    writeIssue("weekly-report", "subject: \"This week\"\nsend_at: \"2030-01-10T09:00:00Z\"\n");
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of(), 0);
         ConfigurableApplicationContext app = instance(smtp.port())) {
      audience(app, "rp", 25);

      // when it is reported before it is sent, then it says so rather than counting anyone
      CommandLineIntegrationTests.Result before = execute(app, "report", "--campaign", "weekly-report");
      assertThat(before.exitCode()).as(before.err()).isZero();
      assertThat(before.out()).contains("(weekly-report): newsletter issue, recipients none yet (not sent), sent 0,")
          .doesNotContain("enrolled");

      // when it is sent and reported
      app.getBean(NewsletterRuns.class).send("weekly-report", RunOptions.NONE, view -> { });
      CommandLineIntegrationTests.Result table = execute(app, "report", "--campaign", "weekly-report");
      CommandLineIntegrationTests.Result csv = execute(app, "report", "--campaign", "weekly-report", "--format", "csv");
      CommandLineIntegrationTests.Result json = execute(app, "report", "--campaign", "weekly-report", "--format", "json");

      // then the table counts 25 recipients, its one variant sent 25, and nothing of a series
      assertThat(smtp.accepted).hasSize(25);
      assertThat(table.exitCode()).as(table.err()).isZero();
      assertThat(table.out()).contains("(weekly-report): newsletter issue, recipients 25, sent 25, unsubscribed 0")
          .containsPattern("\\nvariant\\s+sent\\s+failed")
          .containsPattern("\\nissue\\s+25\\s+0\\s+0\\s+0\\s+0\\s")
          .doesNotContain("enrolled").doesNotContain("left the series").doesNotContain("goal met")
          .doesNotContain("Versions of").doesNotContain("A/B");
      // and the CSV and JSON say it is an issue, with the same numbers
      assertThat(csv.out()).startsWith("kind,section,step,sent,").contains("ISSUE,step,issue,25,0,0,0,0,");
      assertThat(json.out()).contains("\"kind\" : \"ISSUE\"").contains("\"recipients\" : 25")
          .doesNotContain("\"enrolled\"").doesNotContain("\"leftSeries\"").doesNotContain("\"goalCompletions\"")
          .doesNotContain("\"versions\"").doesNotContain("\"abTest\"");

      // and a drip's report keeps its series numbers, marked as a drip
      CommandLineIntegrationTests.Result drip = execute(app, "report", "--campaign", "working-mom-guilt", "--format",
          "json");
      assertThat(drip.exitCode()).as(drip.err()).isZero();
      assertThat(drip.out()).contains("\"kind\" : \"DRIP\"").contains("\"enrolled\" : 0").contains("\"versions\"")
          .doesNotContain("\"recipients\"").doesNotContain("\"abTest\"").doesNotContain("\"issue\" :");
      assertThat(execute(app, "report", "--campaign", "working-mom-guilt", "--format", "csv").out())
          .startsWith("kind,section,step,").contains("\r\nDRIP,step,welcome,");
    }
  }

  @Test
  void anAbIssueSaysWhichVariantLeadsThenWhichWonAndThatItIsSignificant() throws Exception {
    // given 200 on the list and an issue testing two subjects on half of them for 4 hours
    writeIssue("weekly-ab-report", "send_at: \"2030-01-10T09:00:00Z\"\n"
        + NewsletterFixture.abTest(50, 42));
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of(), 0);
         ConfigurableApplicationContext app = instance(smtp.port())) {
      audience(app, "rab", 200);
      NewsletterRuns runs = app.getBean(NewsletterRuns.class);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);

      // when the test share is sent and everyone sent b opens it (a human), nobody sent a
      runs.send("weekly-ab-report", T0, RunOptions.NONE, view -> { });
      jdbc.update("""
          insert into events (delivery_id, type, occurred_at, machine, machine_reason, user_agent_class)
          select id, 'OPEN', ?, false, null, 'browser' from deliveries
           where campaign_id = 'weekly-ab-report' and step_id = 'b'
          """, java.sql.Timestamp.valueOf("2029-06-01 10:30:00"));
      CommandLineIntegrationTests.Result during = execute(app, "report", "--campaign", "weekly-ab-report");

      // then inside the window the report shows the standings, b ahead, no winner chosen yet
      assertThat(during.exitCode()).as(during.err()).isZero();
      assertThat(during.out()).contains("newsletter issue, recipients 200, sent ")
          .contains("A/B test by human opens (unique people; machine events never count; 95% Wilson intervals)")
          .containsPattern("\\nWinner: b \\(100\\.0% against 0\\.0% for a, p < 0\\.001; significant\\)\\n")
          .contains("The test window is open: standings so far, no winner chosen yet.")
          .doesNotContain("enrolled");

      // when the window has closed and the rest is sent the winner
      runs.send("weekly-ab-report", T0.plusSeconds(5 * 3_600), RunOptions.NONE, view -> { });
      CommandLineIntegrationTests.Result table = execute(app, "report", "--campaign", "weekly-ab-report");
      CommandLineIntegrationTests.Result csv = execute(app, "report", "--campaign", "weekly-ab-report", "--format",
          "csv");
      CommandLineIntegrationTests.Result json = execute(app, "report", "--campaign", "weekly-ab-report", "--format",
          "json");

      // then every format names b the winner, chosen and significant, with all 200 recipients sent
      assertThat(smtp.accepted).hasSize(200);
      assertThat(table.out()).contains("newsletter issue, recipients 200, sent 200,")
          .containsPattern("\\nWinner: b \\(100\\.0% against 0\\.0% for a, p < 0\\.001; significant\\)\\n")
          .contains("The rest of the audience was sent b (its row above counts them too;");
      assertThat(csv.out()).contains("\r\nISSUE,step,a,").contains("\r\nISSUE,step,b,")
          .contains("\r\nISSUE,winner,b,,,,,,,,,,,,,\"Winner: b (100.0% against 0.0% for a, p < 0.001; significant)\"\r\n");
      assertThat(json.out()).contains("\"kind\" : \"ISSUE\"").contains("\"recipients\" : 200")
          .contains("\"winner\" : \"b\"").contains("\"chosen\" : true").contains("\"significant\" : true")
          .contains("\"metric\" : \"opens\"").doesNotContain("\"enrolled\"").doesNotContain("\"issue\" :");
    }
  }

  private static CommandLineIntegrationTests.Result execute(ConfigurableApplicationContext app, String... args) {
    return CommandLineIntegrationTests.execute(app, args);
  }

  /** A context on its own H2 database, sending to {@code smtpPort}, with the test's newsletters directory. */
  private ConfigurableApplicationContext instance(int smtpPort) {
    return new SpringApplicationBuilder(DriplineApplication.class).web(WebApplicationType.NONE).profiles("test")
        .run("--spring.datasource.url=jdbc:h2:mem:issue-report-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
            "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort, "--dripline.send.threads=2",
            "--dripline.send.chunk-size=10", "--dripline.newsletters-dir=" + newsletters);
  }

  /** The shipped issue's head (its template and links) with {@code body} after it. */
  private void writeIssue(String id, String body) throws IOException {
    NewsletterFixture.writeIssue(newsletters, id, body);
  }

  /** {@code count} subscribers, all joined to the list. */
  private static void audience(ConfigurableApplicationContext app, String prefix, int count) {
    app.getBean(SubscriberImporter.class).importFile(SubscriberFiles.tagged(prefix, count), "test");
    List<Long> ids = app.getBean(JdbcTemplate.class).queryForList(
        "select id from subscribers where email like ? order by id", Long.class, prefix + "%");
    Map<Long, Set<String>> joins = new HashMap<>();
    ids.forEach(id -> joins.put(id, Set.of(LIST)));
    app.getBean(ListMemberships.class).joinImported(joins, new ListMemberships.Consent("test", "v1", null),
        Instant.now());
  }
}
