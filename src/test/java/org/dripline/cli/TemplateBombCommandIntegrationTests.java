package org.dripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

/**
 * Issue 13, item 3 at the command line: the template bombs of the issue (a recursive macro, a
 * doubling string, {@code ?left_pad(2000000000)}, {@code (1..400000000)?join}) are problems with
 * file:line:column at {@code validate}, beside every other campaign's, a refusal (exit 2) at
 * {@code run}, and an exit-2 error at {@code preview}; never a crash.
 */
@SpringBootTest
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TemplateBombCommandIntegrationTests {

  static final Map<String, String> BOMBS = Map.of(
      "recurse", "<p>Hi</p>\n  <#macro r n><@r n+1/></#macro><@r 0/>",
      "double", "<p>Hi</p>\n<#assign s = \"x\"><#list 1..40 as i><#assign s = s + s></#list>${s?length}",
      "pad", "<p>Hi</p>\n<p>${\"\"?left_pad(2000000000)}</p>",
      "join", "<p>Hi</p>\n<p>${(1..400000000)?join(\",\")}</p>");

  static final Path WORKSPACE = workspace();

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    org.dripline.testing.TestEnvironment.smtpAndH2(registry, smtp, "bombs");
    registry.add("dripline.campaigns-dir", () -> WORKSPACE.resolve("campaigns").toString());
    registry.add("dripline.templates-dir", () -> WORKSPACE.resolve("templates").toString());
  }

  @Autowired
  ApplicationContext context;

  @Test
  void validateListsEveryBombWithItsPlaceAndStillChecksTheOtherCampaigns() {
    // given the demo campaign and one campaign per bomb / when everything is validated
    long start = System.nanoTime();
    CommandLineIntegrationTests.Result result = CommandLineIntegrationTests.execute(context, "validate");

    // then each bomb is a file:line:column problem, nothing crashed, and every campaign was checked
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).doesNotContain("cannot start", "StackOverflowError", "OutOfMemoryError")
        .containsPattern("templates/bombs/recurse\\.html\\.ftlh:2:3: .*calls itself")
        .containsPattern("templates/bombs/double\\.html\\.ftlh:2:\\d+: 's' is built from itself twice")
        .containsPattern("templates/bombs/pad\\.html\\.ftlh:2:\\d+: \\?left_pad to 2000000000 characters")
        .containsPattern("templates/bombs/join\\.html\\.ftlh:2:\\d+: a range of 400000000 numbers");
    assertThat(result.out()).contains((BOMBS.size() + 1) + " campaign(s) checked");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
  }

  @Test
  void runRefusesABombAndPreviewFailsWithAReasonNotACrash() throws IOException {
    // given a subscriber
    Path csv = WORKSPACE.resolve("people.csv");
    Files.writeString(csv, "email,first_name\nann@example.org,Ann\n");
    CommandLineIntegrationTests.execute(context, "import", "--file", csv.toString());

    // when the recursive campaign is run / previewed
    CommandLineIntegrationTests.Result run = CommandLineIntegrationTests.execute(context, "run", "--campaign", "recurse",
        "--as-of", "2026-12-01T08:00:00Z");
    CommandLineIntegrationTests.Result preview = CommandLineIntegrationTests.execute(context, "preview",
        "--campaign", "recurse", "--step", "first", "--subscriber", "ann@example.org");

    // then both are invalid input (exit 2) naming the problem, and nothing was sent
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("recurse.html.ftlh").contains("calls itself").doesNotContain("StackOverflowError");
    assertThat(preview.exitCode()).isEqualTo(2);
    assertThat(preview.err()).contains("recursion deeper than the stack allows");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  static Path workspace() {
    try {
      Path root = Files.createTempDirectory("dripline-bombs");
      FileSystemUtils.copyRecursively(Path.of("campaigns"), root.resolve("campaigns"));
      FileSystemUtils.copyRecursively(Path.of("templates"), root.resolve("templates"));
      Files.createDirectories(root.resolve("templates/bombs"));
      for (var bomb : BOMBS.entrySet()) {
        Files.writeString(root.resolve("campaigns/" + bomb.getKey() + ".yaml"), """
            id: %s
            name: Bomb
            from: { name: Test, address: test@example.org }
            postal_address: 1 Test Street
            steps:
              - id: first
                offset: P0D
                subject: Hello
                template: bombs/%s
            """.formatted(bomb.getKey(), bomb.getKey()));
        Files.writeString(root.resolve("templates/bombs/" + bomb.getKey() + ".html.ftlh"), bomb.getValue());
        Files.writeString(root.resolve("templates/bombs/" + bomb.getKey() + ".txt.ftl"), "Hi\n");
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
