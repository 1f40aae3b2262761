package org.dripline.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.dripline.infra.InvalidInputException;
import org.dripline.run.RunControl;
import org.dripline.run.RunView;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "jobs", mixinStandardHelpOptions = true,
    description = {"Recent runs (executions of dripRunJob), newest first, from whatever process ran them.",
        "Under each: its owner (host, pid), last heartbeat, and the run it recovered from a dead process."})
class JobsCommand implements Callable<Integer> {

  private final RunControl control;

  @Option(names = "--limit", defaultValue = "20", description = "how many runs to list (default 20)")
  int limit;

  @Spec
  CommandLine.Model.CommandSpec spec;

  JobsCommand(RunControl control) {
    this.control = control;
  }

  @Override
  public Integer call() {
    if (limit < 1 || limit > 1000) {
      throw new InvalidInputException("--limit must be between 1 and 1000");
    }
    List<RunView> runs = control.recent(limit);
    PrintWriter out = spec.commandLine().getOut();
    if (runs.isEmpty()) {
      out.println("no runs yet");
      return CliRunner.OK;
    }
    out.printf("%6s  %-20s %-22s %-10s %-20s %9s %8s %7s %7s %8s %8s %9s%n", "id", "campaign", "asOf", "status",
        "started", "duration", "enrolled", "planned", "sent", "failed", "skipped", "ambiguous");
    for (RunView run : runs) {
      String duration = run.started() == null ? "" : format(Duration.between(run.started(),
          run.ended() == null ? java.time.Instant.now() : run.ended()));
      out.printf("%6d  %-20s %-22s %-10s %-20s %9s %8d %7d %7d %8d %8d %9d%n", run.id(), run.campaign(), run.asOf(),
          run.status(), run.started() == null ? "" : run.started().toString().replaceFirst("\\.\\d+Z$", "Z"), duration,
          run.enrolled(), run.planned(), run.sent(), run.failed(), run.skipped(), run.ambiguous());
      if (run.exitDescription() != null && !run.status().equals("COMPLETED")) {
        out.println("        " + run.exitDescription());
      }
      String owner = owner(run);
      if (!owner.isEmpty()) {
        out.println("        " + owner);
      }
    }
    return CliRunner.OK;
  }

  /**
   * Who ran it and its last sign of life, and the run it took over: {@code owner host pid 4242
   * (process started …), heartbeat 2026-12-01T08:00:05Z (3.0s ago), recovered from 41}.
   */
  static String owner(RunView run) {
    StringBuilder line = new StringBuilder();
    if (run.owner() != null) {
      line.append("owner ").append(run.owner().describe());
    }
    if (run.heartbeat() != null) {
      line.append(line.isEmpty() ? "" : ", ").append("heartbeat ").append(run.heartbeat().toString()
          .replaceFirst("\\.\\d+Z$", "Z"));
      if (run.running()) {
        line.append(" (").append(format(Duration.between(run.heartbeat(), java.time.Instant.now()).abs()))
            .append(" ago)");
      }
    }
    if (run.recoveredFrom() != null) {
      line.append(line.isEmpty() ? "" : ", ").append("recovered from ").append(run.recoveredFrom());
    }
    return line.toString();
  }

  static String format(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds < 60 ? duration.toMillis() / 100 / 10.0 + "s" : seconds / 60 + "m" + seconds % 60 + "s";
  }
}
