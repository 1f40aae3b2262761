package org.dripline.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code dripline} command as a user types it: a fresh JVM on the test class path, in a
 * working directory of the test's choosing, so what it writes (or must not write) to disk and what
 * it prints before Spring starts are the real thing.
 */
public final class ChildJvm {

  /** What the command printed and how it ended. */
  public record Result(int exitCode, String out, String err) {
  }

  private ChildJvm() {
  }

  /** Runs {@code dripline <command>} in {@code directory}; fails the test if it has not exited within 3 minutes. */
  public static Result dripline(Path directory, String... command) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), "org.dripline.DriplineApplication"));
    args.addAll(List.of(command));
    return run(directory, Map.of(), args);
  }

  /**
   * Runs a command line (a launcher script, say) in {@code directory} with {@code environment}
   * added to this JVM's; fails the test if it has not exited within 3 minutes.
   */
  public static Result run(Path directory, Map<String, String> environment, List<String> commandLine)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("dripline-cli", ".out");
    Path err = Files.createTempFile("dripline-cli", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(commandLine).directory(directory.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      // a deadline, not a measurement: a command that hangs must fail the test rather than the build
      if (!process.waitFor(3, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", commandLine) + " did not exit");
      }
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
