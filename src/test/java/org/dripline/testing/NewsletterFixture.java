package org.dripline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dripline.lists.ListMemberships;
import org.springframework.context.ApplicationContext;

/** What the newsletter tests of every module start from: an issue file and readers on its lists. */
public final class NewsletterFixture {

  /** The consent the tests' readers joined with. */
  public static final ListMemberships.Consent CONSENT = new ListMemberships.Consent("test", "v1", null);

  private NewsletterFixture() {
  }

  /** An issue's {@code ab:} block testing subjects "Subject A" and "Subject B" on opens for 4 hours. */
  public static String abTest(int testPercent, int seed) {
    return """
        ab:
          test_percent: %d
          window: PT4H
          metric: opens
          seed: %d
          variants:
            - { id: a, subject: "Subject A" }
            - { id: b, subject: "Subject B" }
        """.formatted(testPercent, seed);
  }

  /**
   * An issue file in {@code newsletters}: the shipped issue's head (sender, postal address, the
   * stories-weekly list, its template and links) with {@code body} after it (subject, send_at, ...).
   */
  public static void writeIssue(Path newsletters, String id, String body) {
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

  /** Every one of {@code ids} joins each of {@code lists} now, as an import joins them, with {@link #CONSENT}. */
  public static void joinAll(ApplicationContext app, List<Long> ids, String... lists) {
    Map<Long, Set<String>> joins = new HashMap<>();
    ids.forEach(id -> joins.put(id, Set.of(lists)));
    app.getBean(ListMemberships.class).joinImported(joins, CONSENT, Instant.now());
  }
}
