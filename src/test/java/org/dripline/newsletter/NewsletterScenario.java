package org.dripline.newsletter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dripline.DriplineApplication;
import org.dripline.lists.ListMemberships;
import org.dripline.subscriber.SubscriberUpdates;
import org.dripline.subscriber.SuppressionReason;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.SubscriberFiles;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The newsletter tests' world: a context sending to a given SMTP port, a newsletters directory of
 * the test's own, and an audience on the stories-weekly list (lists/ of the repository).
 */
final class NewsletterScenario {

  static final String LIST = "stories-weekly";
  static final ListMemberships.Consent CONSENT = new ListMemberships.Consent("test", "v1", null);

  private NewsletterScenario() {
  }

  /** A context on H2 (or {@code datasource}, e.g. MariaDB's URL arguments) with the issues in {@code newsletters}. */
  static ConfigurableApplicationContext instance(int smtpPort, Path newsletters, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of(
        "--spring.datasource.url=jdbc:h2:mem:newsletter-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort, "--dripline.send.threads=2",
        "--dripline.send.chunk-size=10", "--dripline.newsletters-dir=" + newsletters));
    args.addAll(List.of(more));
    return new SpringApplicationBuilder(DriplineApplication.class).web(WebApplicationType.NONE).profiles("test")
        .run(args.toArray(String[]::new));
  }

  /** An issue file: the shipped issue's head with these lines after it. */
  static void writeIssue(Path newsletters, String id, String body) {
    String text = """
        id: %s
        name: "Stories Weekly test"
        from: { name: "Maya", address: "stories@dripline.example" }
        postal_address: "Dripline Stories, 100 Example Avenue, Springfield, OR 97477, USA"
        lists: [stories-weekly]
        template: newsletters/stories-weekly/2030-01
        links:
          post: https://example.org/blog/working-mom-guilt
          habits: https://example.org/blog/working-mom-guilt#helpful-habits-for-working-moms
        """.formatted(id) + body;
    try {
      Files.createDirectories(newsletters);
      Files.writeString(newsletters.resolve(id + ".yaml"), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code count} subscribers (tagged working-mom, so the drip's audience too), all joined to the list; their ids. */
  static List<Long> audience(ConfigurableApplicationContext app, String prefix, int count) {
    app.getBean(SubscriberImporter.class).importFile(SubscriberFiles.tagged(prefix, count), "test");
    List<Long> ids = app.getBean(JdbcTemplate.class).queryForList(
        "select id from subscribers where email like ? order by id", Long.class, prefix + "%");
    Map<Long, Set<String>> joins = new HashMap<>();
    ids.forEach(id -> joins.put(id, Set.of(LIST)));
    app.getBean(ListMemberships.class).joinImported(joins, CONSENT, Instant.now());
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
