package org.dripline.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.dripline.delivery.SendFailure;
import org.dripline.delivery.TestSends;
import org.dripline.newsletter.NewsletterIssues;
import org.dripline.newsletter.Newsletters;
import org.dripline.run.DripRuns;
import org.dripline.run.NewsletterRuns;
import org.dripline.run.RunOptions;
import org.dripline.run.RunProgress;
import org.dripline.run.RunSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dripline newsletter send|schedule|cancel|test|status ID}: a newsletter issue
 * ({@code newsletters/<id>.yaml}, README "Newsletters").
 */
@Command(name = "newsletter", mixinStandardHelpOptions = true,
    description = {"Send, schedule, cancel, test-send a newsletter issue, or show its status.",
        "An issue goes out once: its audience is snapshotted when sending starts."},
    subcommands = {NewsletterCommand.Send.class, NewsletterCommand.Schedule.class, NewsletterCommand.Cancel.class,
        NewsletterCommand.Test.class, NewsletterCommand.Status.class})
class NewsletterCommand {

  @Command(name = "send", mixinStandardHelpOptions = true,
      description = {"Send the issue now and wait: snapshot the lists' members, plan, send.",
          "Running it again (without --as-of) continues a stopped or failed send: the same run, nobody",
          "getting it twice; with A/B, a run after the window chooses the winner and sends it to the rest."})
  static class Send implements Callable<Integer> {

    private final NewsletterRuns runs;
    private final DripRuns dripRuns;

    @Parameters(paramLabel = "ID", description = "the issue's id (newsletters/<id>.yaml)")
    String id;

    @Option(names = "--as-of", description = "ISO-8601 instant the run is for (default: now; or, when the issue's"
        + " last run stopped or failed, that run's, so it continues)")
    Instant asOf;

    @Option(names = "--recover", description = "take over a running send whose process you know died")
    boolean recover;

    @Option(names = "--resend-ambiguous",
        description = "send again the deliveries a crash left ambiguous (SENDING); some may then arrive twice")
    boolean resendAmbiguous;

    @Spec
    CommandLine.Model.CommandSpec spec;

    Send(NewsletterRuns runs, DripRuns dripRuns) {
      this.runs = runs;
      this.dripRuns = dripRuns;
    }

    @Override
    public Integer call() {
      RunProgress progress = dripRuns.progress(spec.commandLine().getErr());
      RunSummary summary;
      try {
        RunOptions options = new RunOptions(recover, resendAmbiguous);
        // Without --as-of: now, unless the issue's last run stopped or failed: then that run continues.
        summary = asOf == null ? runs.send(id, options, progress) : runs.send(id, asOf, options, progress);
      } finally {
        progress.finish();
      }
      return RunCommand.report(summary, spec);
    }
  }

  @Command(name = "schedule", mixinStandardHelpOptions = true,
      description = {"Send the issue at its send_at: `serve` starts it then (a local send_at reaches each",
          "timezone in turn). send_at must still be ahead."})
  static class Schedule implements Callable<Integer> {

    private final NewsletterRuns runs;

    @Parameters(paramLabel = "ID", description = "the issue's id")
    String id;

    @Spec
    CommandLine.Model.CommandSpec spec;

    Schedule(NewsletterRuns runs) {
      this.runs = runs;
    }

    @Override
    public Integer call() {
      NewsletterIssues.Issue issue = runs.schedule(id);
      spec.commandLine().getOut().println(id + ": " + issue.state() + (issue.sendMode() == NewsletterIssues.SendMode.SCHEDULED
          ? ", first sends at " + issue.sendFrom() + " (serve starts it)" : ", sending"));
      return CliRunner.OK;
    }
  }

  @Command(name = "cancel", mixinStandardHelpOptions = true,
      description = {"Cancel the issue before or during sending: nothing not yet handed to the mail server is",
          "sent, nothing is sent twice, and it cannot be sent again."})
  static class Cancel implements Callable<Integer> {

    private final Newsletters newsletters;
    private final Clock clock;

    @Parameters(paramLabel = "ID", description = "the issue's id")
    String id;

    @Spec
    CommandLine.Model.CommandSpec spec;

    Cancel(Newsletters newsletters, Clock clock) {
      this.newsletters = newsletters;
      this.clock = clock;
    }

    @Override
    public Integer call() {
      int cancelled = newsletters.cancel(id, clock.instant());
      spec.commandLine().getOut().println(id + ": CANCELLED, " + cancelled + " planned deliveries will not be sent");
      return CliRunner.OK;
    }
  }

  @Command(name = "test", mixinStandardHelpOptions = true,
      description = {"Send every variant of the issue now to a few addresses, rendered for the first member of",
          "its list, subject prefixed \"" + TestSends.SUBJECT_PREFIX + "\", header X-Dripline-Test: yes.",
          "Not in the ledger, the reports or the archive."})
  static class Test implements Callable<Integer> {

    private final Newsletters newsletters;

    @Parameters(paramLabel = "ID", description = "the issue's id")
    String id;

    @Option(names = "--to", required = true, split = ",", paramLabel = "EMAIL",
        description = "addresses to send the test to (comma-separated, at most " + TestSends.MAX_ADDRESSES + ")")
    List<String> to;

    @Spec
    CommandLine.Model.CommandSpec spec;

    Test(Newsletters newsletters) {
      this.newsletters = newsletters;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try {
        for (TestSends.Sent sent : newsletters.test(id, to)) {
          out.println("test of " + id + " step " + sent.stepId() + " sent to " + sent.to() + ": " + sent.reply());
        }
        return CliRunner.OK;
      } catch (SendFailure e) {
        spec.commandLine().getErr().println("test send failed: " + e.getMessage());
        return CliRunner.FAILED;
      }
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "The issue's state, audience snapshot, deliveries and (with A/B) each variant's numbers.")
  static class Status implements Callable<Integer> {

    private final Newsletters newsletters;

    @Parameters(paramLabel = "ID", description = "the issue's id")
    String id;

    @Spec
    CommandLine.Model.CommandSpec spec;

    Status(Newsletters newsletters) {
      this.newsletters = newsletters;
    }

    @Override
    public Integer call() {
      newsletters.status(id).lines().forEach(spec.commandLine().getOut()::println);
      return CliRunner.OK;
    }
  }
}
