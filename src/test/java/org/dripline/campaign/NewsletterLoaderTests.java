package org.dripline.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Newsletter issue files: what loads, and each bad input as a file:line:column problem. */
class NewsletterLoaderTests {

  static final String HEAD = """
      id: %s
      name: "Weekly"
      from: { name: "Maya", address: "stories@dripline.example" }
      postal_address: "1 Example Street"
      lists: [stories-weekly]
      """;

  private final NewsletterLoader loader = new NewsletterLoader();

  private Campaign parse(String id, String body) {
    return loader.parse("newsletters/" + id + ".yaml", id, HEAD.formatted(id) + body, "hash-" + id);
  }

  @Test
  void theShippedIssueLoadsAsABroadcastWithOneStepAtALocalTime() {
    // when the example issue of the repository is loaded
    Campaign issue = loader.load(Path.of("newsletters", "stories-weekly-2030-01.yaml"));

    // then it is a broadcast to stories-weekly at 09:00 local, archived, with one step 'issue'
    assertThat(issue.isBroadcast()).isTrue();
    assertThat(issue.broadcast().lists()).containsExactly("stories-weekly");
    assertThat(issue.broadcast().sendAt().localTime()).isEqualTo(LocalDateTime.parse("2030-01-10T09:00"));
    assertThat(issue.broadcast().sendAt().fallbackZone().getId()).isEqualTo("America/New_York");
    assertThat(issue.broadcast().archive()).isTrue();
    assertThat(issue.broadcast().abTest()).isNull();
    assertThat(issue.stepIds()).containsExactly(NewsletterLoader.ISSUE_STEP);
    assertThat(issue.steps().get(0).template()).isEqualTo("newsletters/stories-weekly/2030-01");
  }

  @Test
  void anAbTestMakesOneStepPerVariantWithTheIssuesTemplateByDefault() {
    // given an issue with two subject variants, the second with its own template
    Campaign issue = parse("ab", """
        template: newsletters/t
        send_at: "2030-02-01T09:00:00Z"
        ab:
          test_percent: 20
          window: PT4H
          metric: clicks
          seed: 7
          variants:
            - { id: a, subject: "One" }
            - { id: b, subject: "Two", template: newsletters/t2 }
        """);

    // then the steps are the variants, and the test is read as written
    assertThat(issue.stepIds()).containsExactly("a", "b");
    assertThat(issue.steps()).extracting(Step::template).containsExactly("newsletters/t", "newsletters/t2");
    assertThat(issue.broadcast().sendAt().instant()).isEqualTo(Instant.parse("2030-02-01T09:00:00Z"));
    assertThat(issue.broadcast().abTest()).isEqualTo(new Broadcast.AbTest(20, Duration.ofHours(4),
        Broadcast.AbTest.Metric.CLICKS, 7));
  }

  @Test
  void aVariantWithoutASubjectIsAProblemAtThatVariant() {
    // when a variant has no subject
    assertThatThrownBy(() -> parse("nosubject", """
        template: newsletters/t
        send_at: "2030-02-01T09:00:00Z"
        ab:
          variants:
            - { id: a, subject: "One" }
            - { id: b }
        """))
        // then validate names the file, line and column of that variant
        .isInstanceOf(InvalidCampaignException.class)
        .hasMessageContaining("newsletters/nosubject.yaml:11:7:").hasMessageContaining("variant 'b' has no subject");
  }

  @Test
  void aListThatDoesNotExistIsAProblemAtTheListItem() {
    // given an issue naming a list nobody defined
    Campaign issue = parse("nolist", """
        subject: "Hello"
        template: newsletters/t
        send_at: "2030-02-01T09:00:00Z"
        """);

    // when it is checked against the lists that exist
    List<Problem> problems = NewsletterChecks.check(issue, Set.of("product-news"), null, List.of(issue));

    // then the problem points at the list's line and column
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).toString()).startsWith("newsletters/nolist.yaml:5:")
        .contains("list 'stories-weekly' does not exist", "product-news");
  }

  @Test
  void aSendAtInThePastIsAProblemAtValidateTime() {
    Campaign issue = parse("past", """
        subject: "Hello"
        template: newsletters/t
        send_at: "2026-01-01T09:00:00Z"
        """);

    List<Problem> problems = NewsletterChecks.check(issue, Set.of("stories-weekly"),
        Instant.parse("2026-12-03T00:00:00Z"), List.of(issue));

    assertThat(problems).singleElement().asString().startsWith("newsletters/past.yaml:8:")
        .contains("send_at is in the past");
    // and once sending started (no clock given) the past is fine
    assertThat(NewsletterChecks.check(issue, Set.of("stories-weekly"), null, List.of(issue))).isEmpty();
  }

  @Test
  void aPastSendAtIsAnErrorOnlyWhenTheIssueIsKnownNotToHaveGoneOutAndAWarningWhenNothingIsKnown() {
    // given an issue whose send_at has passed
    Campaign issue = parse("past", """
        subject: "Hello"
        template: newsletters/t
        send_at: "2026-01-01T09:00:00Z"
        """);
    Instant now = Instant.parse("2026-12-03T00:00:00Z");

    // when it is checked knowing it has not gone out, knowing it is under way, and knowing nothing
    List<Problem> notYet = NewsletterChecks.check(issue, Set.of("stories-weekly"), now,
        NewsletterChecks.Sending.NOT_YET, List.of(issue));
    List<Problem> underWay = NewsletterChecks.check(issue, Set.of("stories-weekly"), now,
        NewsletterChecks.Sending.UNDER_WAY, List.of(issue));
    List<Problem> unknown = NewsletterChecks.check(issue, Set.of("stories-weekly"), now,
        NewsletterChecks.Sending.UNKNOWN, List.of(issue));

    // then not gone out is an error, under way is fine, and unknown is a warning at the same place naming both cases
    assertThat(notYet).singleElement().satisfies(problem -> assertThat(problem.isWarning()).isFalse());
    assertThat(underWay).isEmpty();
    assertThat(unknown).singleElement().satisfies(problem -> {
      assertThat(problem.isWarning()).isTrue();
      assertThat(problem.toString()).startsWith("newsletters/past.yaml:8:10: warning: send_at is in the past ("
          + "2026-01-01T09:00:00Z; now is 2026-12-03T00:00:00Z)")
          .contains("fine if this issue has gone out", "if it has not, set a future time, or send it now with"
              + " `dripline newsletter send past`");
    });
  }

  @Test
  void aWarningPrintsMarkedAndAnErrorAsBefore() {
    assertThat(new Problem("a.yaml", 2, 3, "careful", Problem.Severity.WARNING).toString())
        .isEqualTo("a.yaml:2:3: warning: careful");
    assertThat(new Problem("a.yaml", 0, 0, "careful", Problem.Severity.WARNING).toString())
        .isEqualTo("a.yaml: warning: careful");
    assertThat(new Problem("a.yaml", 2, 3, "wrong")).satisfies(problem -> {
      assertThat(problem.toString()).isEqualTo("a.yaml:2:3: wrong");
      assertThat(problem.severity()).isEqualTo(Problem.Severity.ERROR);
    });
  }

  @Test
  void aWinnerWindowLongerThanTheTimeToTheNextIssueOnTheListIsAProblem() {
    // given an A/B issue with a 2-day window and the next issue on the same list one day later
    Campaign first = parse("first", """
        template: newsletters/t
        send_at: "2030-02-01T09:00:00Z"
        ab:
          window: P2D
          variants:
            - { id: a, subject: "One" }
            - { id: b, subject: "Two" }
        """);
    Campaign next = parse("next", """
        subject: "Next"
        template: newsletters/t
        send_at: "2030-02-02T09:00:00Z"
        """);

    List<Problem> problems = NewsletterChecks.check(first, Set.of("stories-weekly"), null, List.of(first, next));

    assertThat(problems).singleElement().asString().startsWith("newsletters/first.yaml:9:")
        .contains("ab.window PT48H is longer than the PT24H until the next issue", "'next'");
  }

  @Test
  void theCatalogFindsIssuesByIdButLoadAllStaysDripsOnly(@TempDir Path root) throws Exception {
    // given a campaigns and a newsletters directory side by side
    Path campaigns = Files.createDirectories(root.resolve("campaigns"));
    Path newsletters = Files.createDirectories(root.resolve("newsletters"));
    Files.copy(Path.of("campaigns", "working-mom-guilt.yaml"), campaigns.resolve("working-mom-guilt.yaml"));
    Files.copy(Path.of("newsletters", "stories-weekly-2030-01.yaml"), newsletters.resolve("stories-weekly-2030-01.yaml"));
    CampaignCatalog catalog = new CampaignCatalog(campaigns, newsletters);

    // then load finds either kind, loadAll only drips, loadNewsletters only broadcasts
    assertThat(catalog.load("stories-weekly-2030-01").isBroadcast()).isTrue();
    assertThat(catalog.load("working-mom-guilt").isBroadcast()).isFalse();
    assertThat(catalog.loadAll()).extracting(CampaignCatalog.Loaded::id).containsExactly("working-mom-guilt");
    assertThat(catalog.loadNewsletters()).extracting(CampaignCatalog.Loaded::id).containsExactly("stories-weekly-2030-01");

    // and an id used in both directories is refused
    Files.copy(Path.of("campaigns", "working-mom-guilt.yaml"), newsletters.resolve("working-mom-guilt.yaml"));
    assertThatThrownBy(() -> catalog.load("working-mom-guilt")).isInstanceOf(InvalidCampaignException.class)
        .hasMessageContaining("share one namespace");
  }
}
