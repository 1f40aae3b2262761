package org.dripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import picocli.CommandLine;

/**
 * The three ops commands as the jar runs them (same picocli setup, same exit codes), against a
 * copy of the repository's campaigns and templates with one broken campaign and one broken template.
 */
@SpringBootTest
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CommandLineIntegrationTests {

  static final Path WORKSPACE = workspace();

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "cli");
    registry.add("dripline.campaigns-dir", () -> WORKSPACE.resolve("campaigns").toString());
    registry.add("dripline.templates-dir", () -> WORKSPACE.resolve("templates").toString());
  }

  @Autowired
  ApplicationContext context;

  record Result(int exitCode, String out, String err) {
  }

  @Test
  void importReportsRejectedRowsWithTheirLineNumbersAndKeepsTheValidOnes() throws IOException {
    // given a CSV with one good row between two bad ones
    Path csv = WORKSPACE.resolve("people.csv");
    Files.writeString(csv, "email,first_name,timezone,tags\nnot-an-email,X,,\nok@example.org,Ok,Europe/Berlin,working-mom\n"
        + "tz@example.org,Tz,Mars/Olympus,\n");

    // when it is imported
    Result result = execute("import", "--file", csv.toString());

    // then the good row is in, each bad row is named, and the exit code says input was invalid
    assertThat(result.out()).contains("imported=1 updated=0 rejected=2");
    assertThat(result.err()).contains(csv + ":2: 'not-an-email' is not a valid email address")
        .contains(csv + ":4: unknown timezone 'Mars/Olympus'");
    assertThat(result.exitCode()).isEqualTo(2);
  }

  @Test
  void runPrintsItsCountsAndExitsZero() throws IOException {
    // given one subscriber
    Path csv = WORKSPACE.resolve("one.csv");
    Files.writeString(csv, "email,tags\nrun@example.org,working-mom\n");
    execute("import", "--file", csv.toString());

    // when the campaign runs
    Result result = execute("run", "--campaign", "working-mom-guilt", "--as-of", "2026-12-01T14:00:00Z");

    // then the welcome went out and the summary says so
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).containsPattern("status=COMPLETED enrolled=\\d+ planned=\\d+ sent=[1-9]\\d* failed=0");
    assertThat(smtp.getReceivedMessages()).anySatisfy(m ->
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("run@example.org"));
  }

  @Test
  void runRefusesAnUnknownCampaignOrABadDateWithExitTwo() {
    // given no campaign called 'nope' / when run / then a one-line reason and exit 2
    Result unknown = execute("run", "--campaign", "nope");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no such campaign").contains("known: broken, working-mom-guilt");

    Result badDate = execute("run", "--campaign", "working-mom-guilt", "--as-of", "next tuesday");
    assertThat(badDate.exitCode()).isEqualTo(2);
    assertThat(badDate.err()).contains("'next tuesday' is not an ISO-8601 instant");
  }

  @Test
  void runRefusesACampaignWithTemplateProblemsBeforeSendingAnything() {
    // given the broken campaign
    int before = smtp.getReceivedMessages().length;

    // when it is run
    Result result = execute("run", "--campaign", "broken", "--as-of", "2026-12-01T08:00:00Z");

    // then its problems are listed and nothing is sent
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("broken.yaml").contains("template file not found");
    assertThat(smtp.getReceivedMessages()).hasSize(before);
  }

  @Test
  void validateListsEveryProblemWithFileLineAndColumn() {
    // given a campaign with a missing template and a template with a syntax error

    // when everything is validated
    Result result = execute("validate");

    // then each problem is printed as file:line:column: message, and the exit code is 2
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).containsPattern("campaigns/broken\\.yaml:9:15: template file not found: .*missing\\.html\\.ftlh")
        .containsPattern("templates/broken/bad\\.html\\.ftlh:2:\\d+: ");
    assertThat(result.out()).contains("2 campaign(s) checked");
  }

  @Test
  void segmentCountsTheMatchingSubscribersAndShowsASample() throws IOException {
    // given two tagged subscribers and one without the tag
    Path csv = WORKSPACE.resolve("segment.csv");
    Files.writeString(csv, "email,tags\nseg1@example.org,working-mom\nseg2@example.org,working-mom\nout@example.org,other\n");
    execute("import", "--file", csv.toString());

    // when the campaign's segment is asked for
    Result result = execute("segment", "--campaign", "working-mom-guilt", "--sample", "100");

    // then the tagged ones are counted and listed, the other is not
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).containsPattern("campaign=working-mom-guilt matching=\\d+")
        .contains("seg1@example.org", "seg2@example.org").doesNotContain("out@example.org");
  }

  @Test
  void suppressedAddressesAreNeverSentTo() throws IOException {
    // given a subscriber whose address is then suppressed
    Path csv = WORKSPACE.resolve("suppressed.csv");
    Files.writeString(csv, "email,tags\nblocked@example.org,working-mom\n");
    execute("import", "--file", csv.toString());
    Result suppressed = execute("suppress", "--email", "Blocked@Example.org", "--reason", "complaint");
    Result again = execute("suppress", "--email", "blocked@example.org");

    // when the campaign runs
    Result run = execute("run", "--campaign", "working-mom-guilt", "--as-of", "2026-12-02T14:00:00Z");

    // then nothing went to that address, and suppressing twice is harmless
    assertThat(suppressed.out()).contains("suppressed=1");
    assertThat(again.out()).contains("already=1");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(smtp.getReceivedMessages()).noneSatisfy(m ->
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("blocked@example.org"));
    assertThat(execute("segment", "--campaign", "working-mom-guilt", "--sample", "1000").out())
        .doesNotContain("blocked@example.org");
  }

  @Test
  void bouncesWithoutAConfiguredMailboxSaysWhatToSetAndExitsTwo() {
    // given no dripline.bounce.imap.host / when bounces runs / then one line naming the setting, exit 2
    Result result = execute("bounces");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("dripline.bounce.imap.host is not set");
  }

  Result execute(String... args) {
    return execute(context, args);
  }

  /** Runs a command line through the jar's own picocli setup, capturing its output and exit code. */
  static Result execute(ApplicationContext context, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = CliRunner.commandLine(context);
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int code = line.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  static Path workspace() {
    try {
      Path root = Files.createTempDirectory("dripline-cli");
      FileSystemUtils.copyRecursively(Path.of("campaigns"), root.resolve("campaigns"));
      FileSystemUtils.copyRecursively(Path.of("templates"), root.resolve("templates"));
      Files.writeString(root.resolve("campaigns/broken.yaml"), """
          id: broken
          name: Broken
          from: { name: Test, address: test@example.org }
          postal_address: 1 Test Street
          steps:
            - id: first
              offset: P0D
              subject: Hello
              template: broken/missing
          """);
      Files.createDirectories(root.resolve("templates/broken"));
      Files.writeString(root.resolve("templates/broken/bad.html.ftlh"), "<p>Hello</p>\n<#if subscriber.firstName>oops\n");
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
