package org.dripline.newsletter;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dripline.lists.ListMemberships;
import org.dripline.subscriber.SubscriberUpdates;
import org.dripline.subscriber.SuppressionReason;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.NewsletterFixture;
import org.dripline.testing.SubscriberFiles;
import org.dripline.testing.TestContexts;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The newsletter tests' world: a context sending to a given SMTP port, a newsletters directory of
 * the test's own, and an audience on the stories-weekly list (lists/ of the repository).
 */
final class NewsletterScenario {

  static final String LIST = "stories-weekly";
  static final ListMemberships.Consent CONSENT = NewsletterFixture.CONSENT;

  private NewsletterScenario() {
  }

  /** A context on H2 (or {@code datasource}, e.g. MariaDB's URL arguments) with the issues in {@code newsletters}. */
  static ConfigurableApplicationContext instance(int smtpPort, Path newsletters, String... more) {
    List<String> args = new ArrayList<>(List.of("--dripline.send.threads=2", "--dripline.send.chunk-size=10",
        "--dripline.newsletters-dir=" + newsletters));
    args.addAll(List.of(more));
    return TestContexts.onH2("newsletter", smtpPort, args.toArray(String[]::new));
  }

  /** An issue file: the shipped issue's head with these lines after it. */
  static void writeIssue(Path newsletters, String id, String body) {
    NewsletterFixture.writeIssue(newsletters, id, body);
  }

  /** {@code count} subscribers (tagged working-mom, so the drip's audience too), all joined to the list; their ids. */
  static List<Long> audience(ConfigurableApplicationContext app, String prefix, int count) {
    app.getBean(SubscriberImporter.class).importFile(SubscriberFiles.tagged(prefix, count), "test");
    List<Long> ids = app.getBean(JdbcTemplate.class).queryForList(
        "select id from subscribers where email like ? order by id", Long.class, prefix + "%");
    NewsletterFixture.joinAll(app, ids, LIST);
    return ids;
  }

  /** 100 leave the list, 50 unsubscribe from everything: the issue's 1,000 become 850. */
  static void unsubscribeSome(ConfigurableApplicationContext app, List<Long> ids) {
    ListMemberships memberships = app.getBean(ListMemberships.class);
    SubscriberUpdates updates = app.getBean(SubscriberUpdates.class);
    JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
    for (int i = 0; i < 100; i++) {
      memberships.leave(ids.get(i), LIST, "test", Instant.now());
    }
    for (int i = 100; i < 150; i++) {
      String email = jdbc.queryForObject("select email from subscribers where id = ?", String.class, ids.get(i));
      updates.stopMail(ids.get(i), email, SuppressionReason.UNSUBSCRIBED, "test", Instant.now());
    }
  }
}
