package org.dripline.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dripline.newsletter.NewsletterIssues;
import org.dripline.newsletter.NewsletterState;
import org.dripline.testing.NewsletterFixture;
import org.dripline.testing.ScriptedSmtpServer;
import org.dripline.testing.TestContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A scheduled issue with a local send_at, as {@code serve}'s tick sends it: nothing before the
 * first timezone reaches 09:00, then each reader at 09:00 on their own clock (the fallback zone for
 * those without one), and the issue ends SENT once the last zone got it.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class NewsletterScheduleIntegrationTests {

  @TempDir
  Path newsletters;

  @Test
  void aLocalSendAtReachesEachReaderAtNineOnTheirOwnClock() throws Exception {
    // given readers in Tokyo, Berlin and without a zone (New York, the issue's fallback)
    Files.writeString(newsletters.resolve("weekly-local.yaml"), """
        id: weekly-local
        name: "Stories Weekly local"
        from: { name: "Maya", address: "stories@dripline.example" }
        postal_address: "Dripline Stories, 100 Example Avenue, Springfield, OR 97477, USA"
        lists: [stories-weekly]
        subject: "Good morning"
        template: newsletters/stories-weekly/2030-01
        links: { habits: "https://example.org/habits" }
        send_at: "2030-01-10T09:00"
        timezone: America/New_York
        """);
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of(), 0);
         ConfigurableApplicationContext app = TestContexts.onH2("nl-schedule", smtp.port(),
             "--dripline.newsletters-dir=" + newsletters)) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      jdbc.update("insert into subscribers (email, timezone, status, created_at, updated_at) values"
          + " ('tokyo@example.org', 'Asia/Tokyo', 'ACTIVE', current_timestamp, current_timestamp),"
          + " ('berlin@example.org', 'Europe/Berlin', 'ACTIVE', current_timestamp, current_timestamp),"
          + " ('nozone@example.org', null, 'ACTIVE', current_timestamp, current_timestamp)");
      List<Long> ids = jdbc.queryForList("select id from subscribers order by id", Long.class);
      NewsletterFixture.joinAll(app, ids, "stories-weekly");
      NewsletterRuns runs = app.getBean(NewsletterRuns.class);

      // when it is scheduled, then serve's tick starts nothing before 09:00 could reach anyone (UTC+14)
      runs.schedule("weekly-local");
      assertThat(runs.tick(Instant.parse("2030-01-09T18:59:00Z"))).isEmpty();

      // when the ticks come at 09:00 Tokyo (00:00Z), 09:00 Berlin (08:00Z) and 09:00 New York (14:00Z)
      tickAndWait(app, runs, "2030-01-10T00:00:00Z");
      List<String> afterTokyo = sentTo(jdbc);
      tickAndWait(app, runs, "2030-01-10T08:00:00Z");
      List<String> afterBerlin = sentTo(jdbc);
      tickAndWait(app, runs, "2030-01-10T14:00:00Z");

      // then each got it at 09:00 local, once, and the issue is SENT
      assertThat(afterTokyo).containsExactly("tokyo@example.org");
      assertThat(afterBerlin).containsExactlyInAnyOrder("tokyo@example.org", "berlin@example.org");
      assertThat(sentTo(jdbc)).containsExactlyInAnyOrder("tokyo@example.org", "berlin@example.org", "nozone@example.org");
      assertThat(smtp.accepted).hasSize(3);
      assertThat(jdbc.queryForList("select due_at from deliveries order by due_at", String.class)).hasSize(3);
      assertThat(app.getBean(NewsletterIssues.class).find("weekly-local").orElseThrow().state())
          .isEqualTo(NewsletterState.SENT);
      assertThat(runs.tick(Instant.parse("2030-01-10T15:00:00Z"))).isEmpty();
    }
  }

  private static void tickAndWait(ConfigurableApplicationContext app, NewsletterRuns runs, String at) {
    List<Long> started = runs.tick(Instant.parse(at));
    assertThat(started).as("a run started at " + at).hasSize(1);
    RunControlIntegrationTests.awaitEnd(app.getBean(RunControl.class), started.get(0));
  }

  private static List<String> sentTo(JdbcTemplate jdbc) {
    return jdbc.queryForList("select s.email from deliveries d join subscribers s on s.id = d.subscriber_id"
        + " where d.status = 'SENT' order by s.email", String.class);
  }
}
