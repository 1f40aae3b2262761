package org.dripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.dripline.campaign.InvalidCampaignException;
import org.dripline.campaign.Problem;
import org.dripline.infra.ConflictException;
import org.dripline.infra.InvalidInputException;
import org.dripline.infra.NotFoundException;
import org.dripline.render.TemplateProblemsException;
import org.dripline.run.RunRefusedException;
import org.dripline.subscriber.importing.InvalidImportException;
import org.junit.jupiter.api.Test;

/**
 * The CLI's one mapping from what a command threw to stderr and the exit code: 2 for what the
 * user can fix (invalid input, an unknown id, a run in the wrong state), 1 for everything else,
 * always in a line or one line per problem, never a stack trace.
 */
class CliExitCodesTests {

  record Outcome(int exitCode, String err) {
  }

  @Test
  void campaignAndTemplateProblemsExitTwoWithOneLinePerProblemInFileOrder() {
    // given a campaign file with two problems, and templates with one
    List<Problem> problems = List.of(new Problem("c.yaml", 9, 3, "unknown key 'sbject'"),
        new Problem("c.yaml", 2, 1, "'name' is required"));

    // when each ends a command
    Outcome campaign = outcome(new InvalidCampaignException(problems));
    Outcome templates = outcome(new TemplateProblemsException(List.of(new Problem("welcome.html.ftl", 4, 7, "unclosed ${"))));

    // then exit 2, each problem on its own line as file:line:column: what
    assertThat(campaign.exitCode()).isEqualTo(CliRunner.INVALID);
    assertThat(campaign.err().lines()).containsExactly("c.yaml:2:1: 'name' is required", "c.yaml:9:3: unknown key 'sbject'");
    assertThat(templates.exitCode()).isEqualTo(CliRunner.INVALID);
    assertThat(templates.err().lines()).containsExactly("welcome.html.ftl:4:7: unclosed ${");
  }

  @Test
  void invalidInputUnknownIdsAndRunsInTheWrongStateExitTwoWithTheirMessage() {
    // given each refusal the user can act on
    List<RuntimeException> refusals = List.of(new InvalidInputException("--limit must be between 1 and 1000"),
        new InvalidImportException("people.csv: no such file"), new NotFoundException("no run with id 987654"),
        new ConflictException("run 7 completed: nothing to restart (start a new run instead)"),
        new RunRefusedException("the run c at 2026-12-01T08:00:00Z is already running", null));

    for (RuntimeException refusal : refusals) {
      // when it ends a command
      Outcome outcome = outcome(refusal);

      // then exit 2 and the message on one line
      assertThat(outcome.exitCode()).as(refusal.toString()).isEqualTo(CliRunner.INVALID);
      assertThat(outcome.err().lines()).containsExactly("error: " + refusal.getMessage());
    }
  }

  @Test
  void anUnexpectedIllegalStateExceptionExitsOneWithOneLineAndNoStackTrace() {
    // given a failure of Dripline itself, not a run in the wrong state
    IllegalStateException failure = new IllegalStateException("DKIM signing failed", new RuntimeException("key 0x5f"));

    // when it ends a command
    Outcome outcome = outcome(failure);

    // then exit 1, not 2, and just its message
    assertThat(outcome.exitCode()).isEqualTo(CliRunner.FAILED);
    assertThat(outcome.err().lines()).containsExactly("error: DKIM signing failed");
  }

  @Test
  void otherFailuresExitOneWithTheFirstLineOfTheirMessageOrTheirType() {
    // given a bug's bare IllegalArgumentException, a multi-line database error, an I/O error and an NPE
    // when each ends a command
    Outcome guard = outcome(new IllegalArgumentException("unsafe character U+000A in a header value"));
    Outcome database = outcome(new RuntimeException("PreparedStatementCallback; bad SQL grammar\n  select ...\n"));
    Outcome io = outcome(new IOException("/out/subscribers.csv: No space left on device"));
    Outcome npe = outcome(new NullPointerException());

    // then each exits 1 with a single line
    assertThat(List.of(guard, database, io, npe)).extracting(Outcome::exitCode).containsOnly(CliRunner.FAILED);
    assertThat(guard.err().lines()).containsExactly("error: unsafe character U+000A in a header value");
    assertThat(database.err().lines()).containsExactly("error: PreparedStatementCallback; bad SQL grammar");
    assertThat(io.err().lines()).containsExactly("error: /out/subscribers.csv: No space left on device");
    assertThat(npe.err().lines()).containsExactly("error: NullPointerException");
  }

  private static Outcome outcome(Exception e) {
    StringWriter err = new StringWriter();
    int exitCode = CliRunner.failed(e, new PrintWriter(err, true));
    return new Outcome(exitCode, err.toString());
  }
}
