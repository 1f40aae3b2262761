package org.dripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dripline.testing.ChildJvm;
import org.dripline.testing.ChildJvm.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/**
 * {@code dripline validate} over newsletter issues, as a child process in a copy of the repository:
 * the shipped issue is clean, an issue whose send_at passed (sent, as far as files tell) is a
 * warning with exit 0, and each bad input of issue 16 is a file:line:column problem, exit 2, with
 * nothing written (no database is even created).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class NewsletterValidateIntegrationTests {

  static final String HEAD = """
      id: %s
      name: "Weekly"
      from: { name: "Maya", address: "stories@dripline.example" }
      postal_address: "Dripline Stories, 100 Example Avenue, Springfield, OR 97477, USA"
      template: newsletters/stories-weekly/2030-01
      links: { habits: "https://example.org/habits" }
      """;

  @TempDir
  Path directory;

  @Test
  void theShippedIssueValidatesAndEachBadInputIsAFileLineColumnProblem() throws Exception {
    // given a copy of the repository's campaigns, lists, newsletters and templates
    for (String dir : List.of("campaigns", "templates", "lists", "newsletters")) {
      FileSystemUtils.copyRecursively(Path.of(dir), directory.resolve(dir));
    }

    // when validate runs, then the shipped issue passes
    Result clean = dripline("validate");
    assertThat(clean.exitCode()).as(clean.err()).isZero();
    assertThat(clean.out()).contains("1 newsletter issue(s) and 2 list(s) checked",
        "1 campaign(s) checked, 0 problem(s), 0 warning(s)");

    // when an issue that went out (send_at passed) is kept in the directory, as CI over git sees it
    issue("in-the-past", "lists: [stories-weekly]\nsubject: \"Hi\"\nsend_at: \"2020-03-01T09:00:00Z\"\n");
    Result sent = dripline("validate");

    // then it is a warning that names both cases, and validate still passes
    assertThat(sent.exitCode()).as(sent.err()).isZero();
    assertThat(sent.err()).contains("in-the-past.yaml:9:10: warning: send_at is in the past (2020-03-01T09:00:00Z;")
        .contains("fine if this issue has gone out", "if it has not, set a future time");
    assertThat(sent.out()).contains("1 campaign(s) checked, 0 problem(s), 1 warning(s)");

    // when issues with each bad input are added
    issue("no-list", "lists: [no-such-list]\nsubject: \"Hi\"\nsend_at: \"2030-03-01T09:00:00Z\"\n");
    issue("no-subject", """
        lists: [product-news]
        send_at: "2031-03-01T09:00:00Z"
        ab:
          variants:
            - { id: a, subject: "One" }
            - { id: b }
        """);
    issue("long-window", """
        lists: [product-news]
        send_at: "2031-04-01T09:00:00Z"
        ab:
          window: P3D
          variants:
            - { id: a, subject: "One" }
            - { id: b, subject: "Two" }
        """);
    issue("next-one", "lists: [product-news]\nsubject: \"Next\"\nsend_at: \"2031-04-02T09:00:00Z\"\n");
    Result bad = dripline("validate");

    // then each is a problem at its place, exit 2 (the past issue still only a warning), and nothing was written
    assertThat(bad.exitCode()).isEqualTo(CliRunner.INVALID);
    assertThat(bad.err())
        .contains("no-list.yaml:7:9: list 'no-such-list' does not exist")
        .contains("in-the-past.yaml:9:10: warning: send_at is in the past")
        .contains("no-subject.yaml:12:7: variant 'b' has no subject")
        .contains("long-window.yaml:10:11: ab.window PT72H is longer than the PT24H until the next issue on the same"
            + " list ('next-one')");
    assertThat(bad.out()).contains("3 problem(s), 1 warning(s)");
    try (var files = Files.list(directory)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("campaigns", "templates", "lists", "newsletters");
    }
  }

  private void issue(String id, String body) throws IOException {
    Files.writeString(directory.resolve("newsletters/" + id + ".yaml"), HEAD.formatted(id) + body);
  }

  private Result dripline(String... command) throws IOException, InterruptedException {
    return ChildJvm.dripline(directory, command);
  }
}
