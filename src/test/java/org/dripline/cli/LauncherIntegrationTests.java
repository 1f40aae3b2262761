package org.dripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dripline.testing.ChildJvm;
import org.dripline.testing.ChildJvm.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/**
 * The fast-starting launcher {@code mvn package} lays out in {@code target/dripline/} (the jar
 * extracted, a class-data archive, a script): it runs the same commands as {@code java -jar}, from
 * any directory, loads the application's classes from the archive and writes nothing it should not.
 * Run by Failsafe after {@code package}, since it needs what {@code package} makes.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LauncherIntegrationTests {

  private static final Path LAUNCHER = Path.of("target", "dripline", "dripline").toAbsolutePath();

  @TempDir
  Path directory;

  @Test
  void usageThroughTheLauncherWritesNothing() throws Exception {
    // when usage is asked for through the launcher, in an empty directory
    Result usage = launcher(Map.of(), "--help");

    // then it is the jar's usage, quietly, and the directory stays empty
    assertThat(usage.exitCode()).as(usage.err()).isZero();
    assertThat(usage.out()).contains("Usage: dripline").contains("validate");
    assertThat(usage.err()).isEmpty();
    assertThat(files()).isEmpty();
  }

  @Test
  void validateLoadsTheApplicationFromTheClassDataArchive() throws Exception {
    // given the repository's campaign and template files
    copyProject();

    // when validate runs through the launcher, with the JVM logging where each class came from
    Result validate = launcher(Map.of("JAVA_OPTS", "-Xlog:class+load=info"), "validate");

    // then it passes, and Dripline's, Spring's and FreeMarker's classes came from the archive
    assertThat(validate.exitCode()).as(validate.err()).isZero();
    assertThat(validate.out()).contains("1 campaign(s) checked, 0 problem(s)")
        .contains("org.dripline.DriplineApplication source: shared objects file")
        .contains("org.springframework.context.support.GenericApplicationContext source: shared objects file")
        .contains("freemarker.template.Configuration source: shared objects file");
    assertThat(directory.resolve("data")).doesNotExist();
  }

  @Test
  void aCommandOnTheDatabaseRunsFromTheExtractedLayout() throws Exception {
    // given the repository's campaign and template files
    copyProject();

    // when a command that needs the embedded database, Flyway and Spring Batch runs through the launcher
    Result jobs = launcher(Map.of(), "jobs", "--dripline.data-dir=" + directory.resolve("data"));

    // then the libraries and migrations are all found on the plain class path
    assertThat(jobs.exitCode()).as(jobs.err()).isZero();
    assertThat(jobs.out()).contains("no runs yet");
    assertThat(directory.resolve("data")).isNotEmptyDirectory();
  }

  private Result launcher(Map<String, String> environment, String... command) throws IOException, InterruptedException {
    assertThat(LAUNCHER).as("made by mvn package").isExecutable();
    // the JVM that built the archive: another JDK build would start without it (and this test would say so)
    Map<String, String> withJava = new java.util.HashMap<>(environment);
    withJava.put("JAVA_HOME", System.getProperty("java.home"));
    return ChildJvm.run(directory, withJava, Stream.concat(Stream.of(LAUNCHER.toString()), Stream.of(command)).toList());
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
