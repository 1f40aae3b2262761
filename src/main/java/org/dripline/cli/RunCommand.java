package org.dripline.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.dripline.delivery.MailServers;
import org.dripline.run.DripRuns;
import org.dripline.run.RunOptions;
import org.dripline.run.RunProgress;
import org.dripline.run.RunSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Enroll the campaign's audience and send every step due at --as-of (default: now).",
        "Running it again is safe: nothing already sent is sent again, and a failed run continues."})
class RunCommand implements Callable<Integer> {

  private final DripRuns runs;
  private final Clock clock;
  private final boolean embeddedInbox;
  private final String target;

  @Option(names = "--campaign", required = true, description = "campaign id (campaigns/<id>.yaml or <id>.yml)")
  String campaign;

  @Option(names = "--as-of", description = "ISO-8601 instant, e.g. 2026-12-01T08:00:00Z")
  Instant asOf;

  @Option(names = "--recover", description = {"take over a running run now, even though its owner's heartbeat is",
      "fresh (you know that process died); a stale one (older than dripline.run.lease) is taken over without it"})
  boolean recover;

  @Option(names = "--resend-ambiguous",
      description = "send again the deliveries a crash left ambiguous (SENDING); some may then arrive twice")
  boolean resendAmbiguous;

  @Option(names = "--accept-change", paramLabel = "HASH",
      description = "put the edited campaign file in force despite the hazards `diff` named for this change hash")
  String acceptChange;

  @Spec
  CommandLine.Model.CommandSpec spec;

  RunCommand(DripRuns runs, Clock clock, MailServers mailServers) {
    this.runs = runs;
    this.clock = clock;
    this.embeddedInbox = mailServers.sendsToDevInbox();
    this.target = mailServers.target();
  }

  @Override
  public Integer call() {
    Instant at = asOf == null ? clock.instant() : asOf;
    PrintWriter err = spec.commandLine().getErr();
    if (embeddedInbox) {
      err.println("note: spring.mail.host is not set, so messages go to the embedded dev inbox on " + target
          + " (a running `serve`/demo shows them; otherwise they end with this process)");
    }
    RunProgress progress = runs.progress(err);
    RunSummary summary;
    try {
      summary = runs.run(campaign, at, new RunOptions(recover, resendAmbiguous, acceptChange,
          acceptChange == null ? null : "cli:" + System.getProperty("user.name")), progress);
    } finally {
      progress.finish();
    }
    return report(summary, spec);
  }

  /** The summary line on stdout; ambiguity and failure explained on stderr; the exit code. */
  static int report(RunSummary summary, CommandLine.Model.CommandSpec spec) {
    PrintWriter err = spec.commandLine().getErr();
    spec.commandLine().getOut().println(summary.line());
    if (!summary.ambiguousDeliveries().isEmpty()) {
      err.println("ambiguous deliveries (may have arrived; not re-sent automatically): "
          + summary.ambiguousDeliveries());
    }
    if (!summary.succeeded()) {
      // A stop has no cause to fix; its reason already says how to continue.
      err.println("run " + summary.status() + ": " + summary.failure() + ("STOPPED".equals(summary.status()) ? ""
          : " — fix the cause and run the same command again to continue"));
      return CliRunner.FAILED;
    }
    return CliRunner.OK;
  }
}
