package org.dripline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The {@code dripline} command as a user types it: a fresh JVM on the test class path, in a
 * working directory of the test's choosing, so what it writes (or must not write) to disk and what
 * it prints before Spring starts are the real thing; or one left running, for a test to kill.
 */
public final class ChildJvm {

  /** What the command printed and how it ended. */
  public record Result(int exitCode, String out, String err) {
  }

  private ChildJvm() {
  }

  /**
   * A child left running (to be killed, say), its output and errors together in {@code log}: a
   * {@link Result} once it {@linkplain #finish() finished}, with all of it as {@code out}.
   */
  public record Started(Process process, Path log) {

    /** Waits for the child to exit; fails the test (and kills the child) if it has not within 3 minutes. */
    public Result finish() throws IOException, InterruptedException {
      boolean exited = process.waitFor(3, TimeUnit.MINUTES);
      if (!exited) {
        process.destroyForcibly();
      }
      assertThat(exited).as("child finished: %s", log).isTrue();
      return new Result(process.exitValue(), Files.readString(log), "");
    }

    /**
     * SIGKILLs the child as soon as {@code condition} holds (checked every 5 ms for 3 minutes at
     * most, named {@code what} in the timeout), or as soon as it exited by itself: whether it was still
     * running then, which a kill test asserts (a child that ended first proves nothing).
     */
    public boolean sigkillOnce(String what, BooleanSupplier condition) throws InterruptedException {
      await(what).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(5))
          .until(() -> !process.isAlive() || condition.getAsBoolean());
      boolean running = process.isAlive();
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      return running;
    }
  }

  /** The same command run again and again: the run that exited 0 ({@code null} if none did in time), and the others. */
  public record Retries(Result completed, List<Result> refused) {
  }

  /** Runs {@code dripline <command>} in {@code directory}; fails the test if it has not exited within 3 minutes. */
  public static Result dripline(Path directory, String... command) throws IOException, InterruptedException {
    return run(directory, Map.of(), driplineCommandLine(List.of(command)));
  }

  /** Starts {@code dripline <arguments>} in this JVM's working directory and leaves it running. */
  public static Started startDripline(List<String> arguments) throws IOException {
    Path log = Files.createTempFile("dripline-child", ".log");
    Process process = new ProcessBuilder(driplineCommandLine(arguments)).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    return new Started(process, log);
  }

  /**
   * Calls {@code command} (which runs a child to its end) until a run exits 0 or {@code deadline}
   * has passed: how a user retries a command refused while a killed one's lease runs out.
   */
  public static Retries untilExitZero(Duration deadline, Callable<Result> command) throws Exception {
    List<Result> refused = new ArrayList<>();
    Instant end = Instant.now().plus(deadline);
    while (Instant.now().isBefore(end)) {
      Result again = command.call();
      if (again.exitCode() == 0) {
        return new Retries(again, refused);
      }
      refused.add(again);
    }
    return new Retries(null, refused);
  }

  private static List<String> driplineCommandLine(List<String> arguments) {
    List<String> args = driplineJava(System.getProperty("java.class.path"));
    args.addAll(arguments);
    return args;
  }

  /**
   * {@code java … org.dripline.DriplineApplication} on {@code classPath}, for a command to follow.
   * Test children live seconds and are judged by what they do, not how fast: the C1 compiler
   * alone starts one about 2 s sooner on 2 cores, at half the CPU, which the test JVM shares.
   */
  public static List<String> driplineJava(String classPath) {
    return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-XX:TieredStopAtLevel=1", "-cp", classPath, "org.dripline.DriplineApplication"));
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
