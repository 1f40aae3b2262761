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
 * the file: every list exists, {@code send_at} is still ahead (judged against the given clock and
 * what the caller knows of the issue's sending, see {@link Sending}: the one rule for a past
 * send_at), and an A/B window ends before the next issue on one of the same lists goes out (else
 * the winner would arrive after it). Places are found again in the issue's own text
 * ({@link Campaign#definition()}), so the {@link Broadcast} record stays free of positions.
 */
public final class NewsletterChecks {

  private NewsletterChecks() {
  }

  /**
   * What the caller knows of whether the issue has gone out, which decides what a past send_at is.
   * Issues live in git next to campaigns: once one went out its send_at stays in the past for good,
   * and only the database can tell it from one that never went.
   */
  public enum Sending {
    /** Not gone out (no row in the database, or only scheduled) and to go at send_at: a past send_at is an error. */
    NOT_YET,
    /** Sending, sent, or being sent now ({@code newsletter send}): the past is fine, nothing is said. */
    UNDER_WAY,
    /** No database to ask (the files-only {@code validate}): a warning that names both cases, not an error. */
    UNKNOWN
  }

  /**
   * As {@link #check(Campaign, Set, Instant, Sending, Collection)} where the database knows the
   * issue's state: {@code now} given means it has not gone out ({@link Sending#NOT_YET}), null that
   * it is under way or being sent now ({@link Sending#UNDER_WAY}).
   */
  public static List<Problem> check(Campaign issue, Set<String> knownLists, Instant now, Collection<Campaign> allIssues) {
    return check(issue, knownLists, now, now == null ? Sending.UNDER_WAY : Sending.NOT_YET, allIssues);
  }

  /**
   * @param knownLists the ids of the lists that exist
   * @param now        the clock's instant (may be null for {@link Sending#UNDER_WAY}: the past is not looked at)
   * @param sending    what is known of the issue's sending: whether a past send_at is an error, a warning or fine
   * @param allIssues  every newsletter issue that loads (this one may be among them), for "the next issue"
   */
  public static List<Problem> check(Campaign issue, Set<String> knownLists, Instant now, Sending sending,
      Collection<Campaign> allIssues) {
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
    if (sending != Sending.UNDER_WAY && now != null && earliest.isBefore(now)) {
      problems.add(pastSendAt(issue, places.of("send_at"), now, sending));
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

  /** The past send_at found at {@code where}: an error when the issue has not gone out, else a warning naming both cases. */
  private static Problem pastSendAt(Campaign issue, Location where, Instant now, Sending sending) {
    Broadcast.SendAt sendAt = issue.broadcast().sendAt();
    String past = "send_at is in the past (" + (sendAt.instant() != null ? sendAt.instant()
        : sendAt.localTime() + " local, already reached in some timezones") + "; now is " + now + "): ";
    String fix = "set a future time, or send it now with `dripline newsletter send " + issue.id() + "`";
    if (sending == Sending.NOT_YET) {
      return where.problem(past + fix);
    }
    return new Problem(where.file(), where.line(), where.column(), past + "fine if this issue has gone out"
        + " (validate reads files only and cannot tell); if it has not, " + fix, Problem.Severity.WARNING);
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
