package org.dripline.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dripline.lists.ListMemberships;
import org.dripline.run.NewsletterRuns;
import org.dripline.run.RunOptions;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.BounceMailbox;
import org.dripline.testing.NewsletterFixture;
import org.dripline.testing.SubscriberFiles;
import org.dripline.testing.TestContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The mailto half of a newsletter issue's List-Unsubscribe, as a mail client sends it: the request
 * whose subject carries the issue delivery's token leaves that issue's list only (the same rule as
 * the one-click link); a request typed by hand, naming no delivery, still unsubscribes from everything.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class NewsletterMailtoUnsubscribeIntegrationTests {

  static final String MAILBOX = "unsubscribe@dripline.example";
  static final Pattern MAILTO = Pattern.compile("<mailto:([^?>]+)\\?subject=([^>]+)>");

  @RegisterExtension
  static GreenMailExtension mail = BounceMailbox.server(MAILBOX);

  @TempDir
  Path newsletters;

  @Test
  void aMailtoRequestFromAnIssueLeavesItsListAndOneTypedByHandLeavesEverything() throws Exception {
    // given five readers on two lists, and an issue to one of them
    NewsletterFixture.writeIssue(newsletters, "weekly-mailto",
        "subject: \"This week\"\nsend_at: \"2030-01-10T09:00:00Z\"\n");
    try (ConfigurableApplicationContext app = TestContexts.onH2("nl-mailto", mail.getSmtp().getPort(),
        "--dripline.bounce.imap.host=127.0.0.1", "--dripline.bounce.imap.port=" + mail.getImap().getPort(),
        "--dripline.bounce.imap.ssl=false", "--dripline.bounce.imap.user=bounces",
        "--dripline.bounce.imap.password=secret", "--dripline.newsletters-dir=" + newsletters)) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      ListMemberships lists = app.getBean(ListMemberships.class);
      app.getBean(SubscriberImporter.class).importFile(SubscriberFiles.tagged("mailto", 5), "test");
      List<Long> ids = jdbc.queryForList("select id from subscribers order by id", Long.class);
      NewsletterFixture.joinAll(app, ids, "stories-weekly", "product-news");
      var sent = app.getBean(NewsletterRuns.class).send("weekly-mailto", RunOptions.NONE, view -> { });
      assertThat(sent.sent()).as(sent.toString()).isEqualTo(5);

      // when one reader uses the mailto link of her copy, and another writes "unsubscribe" by hand
      long reader = ids.get(0);
      long other = ids.get(1);
      String readerEmail = email(jdbc, reader);
      MimeMessage copy = Arrays.stream(mail.getReceivedMessages())
          .filter(m -> recipient(m).equals(readerEmail)).findFirst().orElseThrow();
      Matcher mailto = MAILTO.matcher(MimeUtility.unfold(copy.getHeader("List-Unsubscribe", null)));
      assertThat(mailto.find()).as("a mailto in List-Unsubscribe").isTrue();
      assertThat(mailto.group(1)).isEqualTo(MAILBOX);
      GreenMailUtil.sendTextEmail(MAILBOX, readerEmail, mailto.group(2), "", mail.getSmtp().getServerSetup());
      GreenMailUtil.sendTextEmail(MAILBOX, email(jdbc, other), "unsubscribe", "", mail.getSmtp().getServerSetup());
      JobOperator jobs = app.getBean(JobOperator.class);
      BounceCounts counts = BounceCounts.of(jobs.startNextInstance(app.getBean("bounceJob", Job.class)));

      // then both are read as unsubscribe requests
      assertThat(counts.unsubscribes()).as(counts.toString()).isEqualTo(2);
      // and the issue's reader left that list only: still ACTIVE, unsuppressed, on the other list
      assertThat(lists.statusesOf(reader)).containsEntry("stories-weekly", ListMemberships.Status.UNSUBSCRIBED)
          .containsEntry("product-news", ListMemberships.Status.SUBSCRIBED);
      assertThat(status(jdbc, reader)).isEqualTo("ACTIVE");
      // while the request naming no delivery stopped all mail, the safe reading
      assertThat(status(jdbc, other)).isNotEqualTo("ACTIVE");
      assertThat(jdbc.queryForObject("select count(*) from suppressions where email = ?", Integer.class,
          email(jdbc, other))).isEqualTo(1);
    }
  }

  private static String email(JdbcTemplate jdbc, long id) {
    return jdbc.queryForObject("select email from subscribers where id = ?", String.class, id);
  }

  private static String status(JdbcTemplate jdbc, long id) {
    return jdbc.queryForObject("select status from subscribers where id = ?", String.class, id);
  }

  private static String recipient(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
