package org.dripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dripline.testing.TemplateDirectories;
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

/**
 * {@code diff} and the refused {@code run} through the command line, against a hand-counted
 * fixture: four readers had steps a and b, two newer ones only a; then x is inserted between a and b.
 */
@SpringBootTest
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DiffCommandIntegrationTests {

  static final Path CAMPAIGNS = directory();
  static final Path TEMPLATES = TemplateDirectories.withLayouts("dripline-diff", "fixture", List.of("a", "b", "c", "x"));
  static final String STEPS = """
      steps:
        - { id: a, offset: P0D, template: fixture/a, subject: "a" }
      %s  - { id: b, offset: P7D, template: fixture/b, subject: "b" }
        - { id: c, offset: P14D, template: fixture/c, subject: "c" }
      """;
  static final String INSERTED = "  - { id: x, offset: P3D, template: fixture/x, subject: \"x\" }\n";

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "diff-cli");
    registry.add("dripline.campaigns-dir", CAMPAIGNS::toString);
    registry.add("dripline.templates-dir", TEMPLATES::toString);
  }

  @Autowired
  ApplicationContext context;

  @Test
  void diffExitsThreeWithHandCountedHazardsZeroOnceDeclaredTwoWhenInvalidAndRunRefusesWithThree() throws Exception {
    // given four readers who had a (day 0) and b (day 7), and two who joined on day 8 and had a
    campaign("", null);
    importReaders("r1", "r2", "r3", "r4");
    run("2026-12-01T08:00:00Z");
    run("2026-12-08T08:00:00Z");
    importReaders("n1", "n2");
    run("2026-12-09T08:00:00Z");

    // when x is inserted at P3D with a changes: block that moves them but declares nothing
    campaign(INSERTED, "changes: {}\n");
    CommandLineIntegrationTests.Result hazards = execute("diff", "--campaign", "fixture", "--as-of", "2026-12-10T08:00:00Z");
    CommandLineIntegrationTests.Result refused = execute("run", "--campaign", "fixture",
        "--as-of", "2026-12-10T08:00:00Z");

    // then all six would get x next: out of order for the four who had b; the run refuses
    assertThat(hazards.exitCode()).as(hazards.out() + hazards.err()).isEqualTo(3);
    assertThat(hazards.out())
        .contains("ADDED     x              added at position 2 (offset P3D)")
        .contains("in flight on version")
        .contains("had: a 6, b 4")
        .contains("next: x for 6, due 2026-12-04T08:00:00Z to 2026-12-12T08:00:00Z (due by 2026-12-10T08:00:00Z: at the next run)")
        .contains("hazards (1):")
        .contains("OUT_OF_ORDER: would send step x out of order to 4 people");
    assertThat(refused.exitCode()).isEqualTo(3);
    assertThat(refused.err()).contains("run refused: the edit of campaign fixture: would send step x out of order"
        + " to 4 people").contains("--accept-change ");
    assertThat(refused.err().lines().filter(l -> l.startsWith("error:")).count()).isEqualTo(1);

    // when the block says new steps behind them are skipped
    campaign(INSERTED, "changes: { new_steps_for_enrolled: skip }\n");
    CommandLineIntegrationTests.Result safe = execute("diff", "--campaign", "fixture", "--as-of", "2026-12-10T08:00:00Z");

    // then it is safe: the four get c next, the two get x (ahead of them)
    assertThat(safe.exitCode()).as(safe.out()).isZero();
    assertThat(safe.out()).contains("next: c for 4, due 2026-12-15T08:00:00Z")
        .contains("next: x for 2, due 2026-12-12T08:00:00Z").contains("safe: no hazards");

    // when the block renames a step that is still there, or the campaign is unknown
    campaign(INSERTED, "changes: { rename: { b: x } }\n");
    CommandLineIntegrationTests.Result invalid = execute("diff", "--campaign", "fixture", "--as-of", "2026-12-10T08:00:00Z");
    CommandLineIntegrationTests.Result unknown = execute("diff", "--campaign", "nope");

    // then both are exit 2, the first with file:line:column
    assertThat(invalid.exitCode()).isEqualTo(2);
    assertThat(invalid.err()).containsPattern("fixture.yaml:\\d+:\\d+: rename of 'b': a step 'b' is still in the file");
    assertThat(unknown.exitCode()).isEqualTo(2);
  }

  private void run(String asOf) {
    CommandLineIntegrationTests.Result run = execute("run", "--campaign", "fixture", "--as-of", asOf);
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  private CommandLineIntegrationTests.Result execute(String... args) {
    return CommandLineIntegrationTests.execute(context, args);
  }

  private void importReaders(String... names) throws IOException {
    StringBuilder csv = new StringBuilder("email,tags\n");
    for (String name : names) {
      csv.append(name).append("@example.org,reader\n");
    }
    Path file = Files.writeString(Files.createTempFile("diff-readers", ".csv"), csv);
    assertThat(execute("import", "--file", file.toString()).exitCode()).isZero();
  }

  private static void campaign(String inserted, String changes) throws IOException {
    Files.writeString(CAMPAIGNS.resolve("fixture.yaml"), """
        id: fixture
        name: "Fixture"
        from: { address: "stories@dripline.example" }
        postal_address: "Dripline, 100 Example Avenue, Springfield"
        audience: { all: [ { tag: reader } ] }
        """ + (changes == null ? "" : changes) + STEPS.formatted(inserted));
  }

  private static Path directory() {
    try {
      return Files.createTempDirectory("dripline-diff-campaigns");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
