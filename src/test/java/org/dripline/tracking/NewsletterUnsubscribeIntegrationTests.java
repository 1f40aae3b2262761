package org.dripline.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dripline.lists.ListMemberships;
import org.dripline.newsletter.Newsletters;
import org.dripline.run.DripRuns;
import org.dripline.run.NewsletterRuns;
import org.dripline.run.RunOptions;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.NewsletterFixture;
import org.dripline.testing.SubscriberFiles;
import org.dripline.testing.TestContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A newsletter issue's mail as received over real SMTP: a test send is marked and stays out of the
 * ledger; the issue carries its list's List-Id; its one-click unsubscribe leaves that list only, so
 * the reader's drip series goes on.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class NewsletterUnsubscribeIntegrationTests {

  @TempDir
  Path newsletters;

  @Test
  void aTestSendIsMarkedAndOutsideTheLedgerAndOneClickLeavesOnlyTheListWhileTheDripGoesOn() throws Exception {
    // given 20 readers of the list (and of the drip series), and an issue
    NewsletterFixture.writeIssue(newsletters, "weekly-mail",
        "subject: \"This week\"\nsend_at: \"2030-01-10T09:00:00Z\"\n");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try (ConfigurableApplicationContext app = TestContexts.onH2("nl-mail", port,
        "--dripline.newsletters-dir=" + newsletters)) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      app.getBean(SubscriberImporter.class).importFile(SubscriberFiles.tagged("mail", 20), "test");
      List<Long> ids = jdbc.queryForList("select id from subscribers order by id", Long.class);
      NewsletterFixture.joinAll(app, ids, "stories-weekly", "product-news");

      // when a test send goes to a checker
      app.getBean(Newsletters.class).test("weekly-mail", List.of("checker@example.org"));

      // then it arrived marked as a test, and nothing of it is in the ledger
      MimeMessage test = smtp.getReceivedMessages()[0];
      assertThat(test.getSubject()).isEqualTo("[Test] This week");
      assertThat(test.getHeader("X-Dripline-Test", null)).isEqualTo("yes");
      assertThat(test.getAllRecipients()[0].toString()).isEqualTo("checker@example.org");
      assertThat(jdbc.queryForObject("select count(*) from deliveries", Integer.class)).isZero();

      // when the drip runs (welcome) and the issue is sent
      Instant now = Instant.parse("2026-12-01T14:00:00Z"); // 09:00 in New York, inside the series' window
      app.getBean(DripRuns.class).run("working-mom-guilt", now);
      var sent = app.getBean(NewsletterRuns.class).send("weekly-mail", RunOptions.NONE, view -> { });
      assertThat(sent.sent()).as(sent.toString()).isEqualTo(20);

      // then the issue's messages carry the list's List-Id
      MimeMessage issue = java.util.Arrays.stream(smtp.getReceivedMessages())
          .filter(m -> header(m, "Subject").equals("This week")).findFirst().orElseThrow();
      assertThat(header(issue, "List-Id")).contains("<stories-weekly.dripline.example>");
      assertThat(header(issue, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");

      // when a reader uses the issue's one-click unsubscribe
      long reader = ids.get(0);
      long deliveryId = jdbc.queryForObject("select id from deliveries where campaign_id = 'weekly-mail'"
          + " and subscriber_id = ?", Long.class, reader);
      TrackingStore.Delivery delivery = app.getBean(TrackingStore.class).delivery(deliveryId).orElseThrow();
      app.getBean(SubscriberRequests.class).unsubscribe(delivery, "one-click delivery " + deliveryId, Instant.now());

      // then she left that list only: still ACTIVE, still on the other list, still in the drip series
      assertThat(app.getBean(ListMemberships.class).statusesOf(reader)).containsEntry("stories-weekly",
          ListMemberships.Status.UNSUBSCRIBED).containsEntry("product-news", ListMemberships.Status.SUBSCRIBED);
      assertThat(jdbc.queryForObject("select status from subscribers where id = ?", String.class, reader))
          .isEqualTo("ACTIVE");
      assertThat(jdbc.queryForObject("select count(*) from suppressions s join subscribers u on u.email = s.email"
          + " where u.id = ?", Integer.class, reader)).isZero();
      assertThat(jdbc.queryForObject("select count(*) from events where delivery_id = ? and type = 'UNSUBSCRIBE'",
          Integer.class, deliveryId)).isEqualTo(1);
      // and the drip goes on: her week-1 email is planned and sent a week later
      app.getBean(DripRuns.class).run("working-mom-guilt", now.plus(java.time.Duration.ofDays(8)));
      assertThat(jdbc.queryForObject("select count(*) from deliveries where campaign_id = 'working-mom-guilt'"
          + " and subscriber_id = ? and status = 'SENT'", Integer.class, reader)).isGreaterThanOrEqualTo(2);
    } finally {
      smtp.stop();
    }
  }

  private static String header(MimeMessage message, String name) {
    try {
      String value = message.getHeader(name, null);
      return value == null ? "" : jakarta.mail.internet.MimeUtility.unfold(value);
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
