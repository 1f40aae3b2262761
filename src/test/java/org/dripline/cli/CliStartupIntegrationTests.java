package org.dripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dripline.testing.ChildJvm;
import org.dripline.testing.ChildJvm.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/**
 * The jar's entry point as ops start it, in a child JVM in a directory of its own: usage and
 * validate start no database and write nothing; any Spring Boot property is configuration.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CliStartupIntegrationTests {

  @TempDir
  Path directory;

  @Test
  void usageStartsNoDatabaseAndWritesNothing() throws Exception {
    // when usage is asked for, of the jar and of a command
    Result usage = dripline("--help");
    Result runUsage = dripline("help", "run");

    // then it is printed, quietly, and the directory stays empty
    assertThat(usage.exitCode()).isZero();
    assertThat(usage.out()).contains("Usage: dripline").contains("validate");
    assertThat(runUsage.out()).contains("Usage: dripline run").contains("--campaign");
    assertThat(usage.err() + runUsage.err()).isEmpty();
    assertThat(files()).isEmpty();
  }

  @Test
  void aMistypedOptionIsAUsageErrorThatWritesNothing() throws Exception {
    // when a command gets an option it does not have
    Result result = dripline("run", "--campaing", "welcome");

    // then exit 2 names it and what was meant, and nothing is written
    assertThat(result.exitCode()).isEqualTo(CliRunner.INVALID);
    assertThat(result.err()).contains("Unknown options: '--campaing'").contains("Possible solutions: --campaign");
    assertThat(files()).isEmpty();
  }

  @Test
  void validateReadsTheFilesWithoutADatabaseOrWarnings() throws Exception {
    // given the repository's campaigns and templates, and a copy with a broken campaign
    copyProject();

    // when validate runs, then it passes, quietly, and creates no database
    Result clean = dripline("validate");
    assertThat(clean.exitCode()).isZero();
    assertThat(clean.out()).contains("1 campaign(s) checked, 0 problem(s)");
    assertThat(clean.err()).isEmpty();

    // and a broken campaign fails with its file:line:column, still writing nothing
    Files.writeString(directory.resolve("campaigns/broken.yaml"), "id: broken\nsteps: 7\n");
    Result broken = dripline("validate");
    assertThat(broken.exitCode()).isEqualTo(CliRunner.INVALID);
    assertThat(broken.err()).contains("broken.yaml:2:");
    assertThat(directory.resolve("data")).doesNotExist();
  }

  @Test
  void anySpringBootPropertyIsConfigurationAndAnUnknownOneIsAWarning() throws Exception {
    // given properties of Boot's web server and Actuator, and a typo of a Dripline one
    copyProject();

    // when a command that needs the database runs with them
    Result result = dripline("jobs", "--server.port=0", "--management.endpoints.web.exposure.include=health",
        "--dripline.data-dir=" + directory.resolve("data"), "--dripline.sned.threads=4");

    // then the command runs, and only the typo gets a warning
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("no runs yet");
    assertThat(result.err()).contains("--dripline.sned.threads is not a property")
        .doesNotContain("server.port").doesNotContain("management.").doesNotContain("Unknown option");
  }

  private Result dripline(String... command) throws IOException, InterruptedException {
    return ChildJvm.dripline(directory, command);
  }

  private void copyProject() throws IOException {
    FileSystemUtils.copyRecursively(Path.of("campaigns"), directory.resolve("campaigns"));
    FileSystemUtils.copyRecursively(Path.of("templates"), directory.resolve("templates"));
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.toList();
    }
  }
}
