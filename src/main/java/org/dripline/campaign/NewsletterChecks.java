package org.dripline.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The checks of a newsletter issue that need the world around it, each a problem at its place in
 * the file: every list exists, {@code send_at} is still ahead (judged against the given clock, so
 * only at validate/schedule time: once sending started the past is fine), and an A/B window ends
 * before the next issue on one of the same lists goes out (else the winner would arrive after it).
 * Places are found again in the issue's own text ({@link Campaign#definition()}), so the
 * {@link Broadcast} record stays free of positions.
 */
public final class NewsletterChecks {

  private NewsletterChecks() {
  }

  /**
   * @param knownLists the ids of the lists that exist
   * @param now        the clock's instant; null skips the "in the past" check (sending already started)
   * @param allIssues  every newsletter issue that loads (this one may be among them), for "the next issue"
   */
  public static List<Problem> check(Campaign issue, Set<String> knownLists, Instant now, Collection<Campaign> allIssues) {
    Broadcast broadcast = issue.broadcast();
    List<Problem> problems = new ArrayList<>();
    if (broadcast == null) {
      return problems;
    }
    Places places = new Places(issue);
    for (int i = 0; i < broadcast.lists().size(); i++) {
      String list = broadcast.lists().get(i);
      if (!knownLists.contains(list)) {
        problems.add(places.listItem(i).problem("list '" + list + "' does not exist; known lists: "
            + (knownLists.isEmpty() ? "(none: add lists/" + list + ".yaml)" : String.join(", ",
            knownLists.stream().sorted().toList()))));
      }
    }
    Instant earliest = broadcast.sendAt().earliest();
    if (now != null && earliest.isBefore(now)) {
      problems.add(places.of("send_at").problem("send_at is in the past (" + (broadcast.sendAt().instant() != null
          ? broadcast.sendAt().instant() : broadcast.sendAt().localTime() + " local, already reached in some"
          + " timezones") + "; now is " + now + "): set a future time, or send it now with `dripline newsletter"
          + " send " + issue.id() + "`"));
    }
    if (broadcast.abTest() != null) {
      next(issue, allIssues).ifPresent(next -> {
        Duration gap = Duration.between(earliest, next.broadcast().sendAt().earliest());
        if (broadcast.abTest().window().compareTo(gap) > 0) {
          problems.add(places.abWindow().problem("ab.window " + broadcast.abTest().window() + " is longer than the "
              + gap + " until the next issue on the same list ('" + next.id() + "'): the winner would go out after"
              + " it; shorten the window"));
        }
      });
    }
    return problems;
  }

  /** The next issue by send_at that shares a list with {@code issue}. */
  static Optional<Campaign> next(Campaign issue, Collection<Campaign> allIssues) {
    Instant at = issue.broadcast().sendAt().earliest();
    return allIssues.stream()
        .filter(other -> other.isBroadcast() && !other.id().equals(issue.id()))
        .filter(other -> other.broadcast().lists().stream().anyMatch(issue.broadcast().lists()::contains))
        .filter(other -> other.broadcast().sendAt().earliest().isAfter(at))
        .min(Comparator.comparing((Campaign other) -> other.broadcast().sendAt().earliest()));
  }

  /** Positions of keys in the issue's text, composed again (it loaded, so it composes). */
  private static final class Places {

    private final YamlMap top;
    private final String file;

    Places(Campaign issue) {
      this.file = issue.sourceFile();
      Node root = CampaignLoader.compose(file, issue.definition());
      this.top = YamlMap.of(file, "", root, Set.of("id", "name", "from", "reply_to", "postal_address", "language",
          "layout", "links", "lists", "segment", "subject", "preheader", "template", "send_at", "timezone", "archive",
          "late_joiners", "ab"), new ArrayList<>()).orElseThrow();
    }

    Location of(String key) {
      return top.locationOf(key);
    }

    Location listItem(int index) {
      List<Node> items = top.sequence("lists").orElse(List.of());
      return index < items.size() ? top.location(items.get(index)) : top.locationOf("lists");
    }

    Location abWindow() {
      return top.node("ab").flatMap(n -> YamlMap.of(file, "ab", n, Set.of("test_percent", "window", "metric", "seed",
          "variants"), new ArrayList<>())).map(ab -> ab.locationOf("window")).orElse(top.locationOf("ab"));
    }
  }
}
