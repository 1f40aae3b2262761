package org.dripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.lists.ListCatalog;
import org.dripline.newsletter.NewsletterIssues;
import org.dripline.newsletter.NewsletterState;
import org.dripline.render.TemplateEngine;
import org.dripline.testing.NewsletterFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A newsletter issue whose send_at has passed, as {@code validate} judges it: files only (no
 * database, as the CLI runs it and CI with it) it cannot tell a sent issue from one never sent, so
 * it warns and exits 0; with the database an issue still only SCHEDULED is an error, a sent one
 * says nothing.
 */
class ValidatePastIssuesTests {

  static final Clock NOW = Clock.fixed(Instant.parse("2031-06-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path newsletters;

  @Test
  void filesOnlyAPastIssueIsAWarningThatNamesBothCasesAndExitsZero() {
    // given the repository's campaign, lists and templates, and an issue that looks sent (send_at passed)
    NewsletterFixture.writeIssue(newsletters, "went-out", "subject: \"Hi\"\nsend_at: \"2031-05-01T09:00:00Z\"\n");

    // when validate runs on files only
    Result result = validate(null);

    // then the warning is printed at the send_at, marked, and neither counts as a problem nor fails
    assertThat(result.exit()).as(result.err()).isEqualTo(CliRunner.OK);
    assertThat(result.err().lines()).singleElement().asString()
        .startsWith(newsletters.resolve("went-out.yaml") + ":11:10: warning: send_at is in the past"
            + " (2031-05-01T09:00:00Z; now is 2031-06-01T00:00:00Z): ")
        .contains("fine if this issue has gone out", "if it has not, set a future time, or send it now");
    assertThat(result.out()).contains("1 campaign(s) checked, 0 problem(s), 1 warning(s)");
  }

  @Test
  void filesOnlyAFutureIssueWithARealErrorStillExitsTwoNextToTheWarning() {
    // given the sent-looking issue and a future A/B issue with a variant that has no subject
    NewsletterFixture.writeIssue(newsletters, "went-out", "subject: \"Hi\"\nsend_at: \"2031-05-01T09:00:00Z\"\n");
    NewsletterFixture.writeIssue(newsletters, "no-subject", """
        send_at: "2031-07-01T09:00:00Z"
        ab:
          variants:
            - { id: a, subject: "One" }
            - { id: b }
        """);

    // when validate runs on files only
    Result result = validate(null);

    // then the error fails it (exit 2), the warning is still only a warning, and both are counted apart
    assertThat(result.exit()).isEqualTo(CliRunner.INVALID);
    assertThat(result.err().lines().toList()).satisfiesExactly(
        error -> assertThat(error).startsWith(newsletters.resolve("no-subject.yaml") + ":14:7: variant 'b' has no subject"),
        warning -> assertThat(warning).startsWith(newsletters.resolve("went-out.yaml")
            + ":11:10: warning: send_at is in the past"));
    assertThat(result.out()).contains("1 campaign(s) checked, 1 problem(s), 1 warning(s)");
  }

  @Test
  void withTheDatabaseAScheduledIssueWithAPastSendAtIsAnErrorAndASentOneIsFine() {
    // given the past issue
    NewsletterFixture.writeIssue(newsletters, "went-out", "subject: \"Hi\"\nsend_at: \"2031-05-01T09:00:00Z\"\n");

    // when validate runs where the database holds it as SCHEDULED, holds no row for it, and holds it as SENT
    Result scheduled = validate(rows(Map.of("went-out", NewsletterState.SCHEDULED)));
    Result unknownToIt = validate(rows(Map.of()));
    Result sent = validate(rows(Map.of("went-out", NewsletterState.SENT)));

    // then not gone out is an error (exit 2, not marked a warning), and gone out says nothing
    for (Result notSent : java.util.List.of(scheduled, unknownToIt)) {
      assertThat(notSent.exit()).isEqualTo(CliRunner.INVALID);
      assertThat(notSent.err()).contains("went-out.yaml:11:10: send_at is in the past").doesNotContain("warning:");
      assertThat(notSent.out()).contains("1 problem(s), 0 warning(s)");
    }
    assertThat(sent.exit()).as(sent.err()).isEqualTo(CliRunner.OK);
    assertThat(sent.err()).isEmpty();
    assertThat(sent.out()).contains("0 problem(s), 0 warning(s)");
  }

  /** The database's issue rows, as {@link NewsletterIssues#find} answers them (nothing else is asked). */
  private static NewsletterIssues rows(Map<String, NewsletterState> states) {
    return new NewsletterIssues(null) {
      @Override
      public Optional<Issue> find(String id) {
        return Optional.ofNullable(states.get(id)).map(state -> new Issue(id, state, "hash", SendMode.SCHEDULED,
            Instant.parse("2031-05-01T09:00:00Z"), null, null, null, null, null, null, null));
      }
    };
  }

  private Result validate(NewsletterIssues issues) {
    ValidateCommand command = new ValidateCommand(new CampaignCatalog(Path.of("campaigns"), newsletters),
        new TemplateEngine(Path.of("templates")), new ListCatalog(Path.of("lists")), issues, NOW);
    CommandLine line = new CommandLine(command);
    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    line.setErr(new PrintWriter(err, true));
    line.setOut(new PrintWriter(out, true));
    int exit = line.execute();
    return new Result(exit, out.toString(), err.toString());
  }

  record Result(int exit, String out, String err) {
  }
}
