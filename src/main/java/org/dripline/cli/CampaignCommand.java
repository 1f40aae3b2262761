package org.dripline.cli;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.dripline.campaign.CampaignState;
import org.dripline.lifecycle.CampaignLifecycle;
import org.dripline.lifecycle.LifecycleChange;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dripline campaign pause|resume|close|reopen|archive|unarchive|status ID}: a campaign's
 * lifecycle (README, "Campaign lifecycle"). Each change is idempotent: asking for what already
 * holds prints the state and exits 0.
 */
@Command(name = "campaign", mixinStandardHelpOptions = true,
    description = {"Pause, resume, close, reopen, archive or unarchive a campaign, or show its state.",
        "Each is idempotent: doing it twice is not an error."},
    subcommands = {CampaignCommand.Pause.class, CampaignCommand.Resume.class, CampaignCommand.Close.class,
        CampaignCommand.Reopen.class, CampaignCommand.Archive.class, CampaignCommand.Unarchive.class,
        CampaignCommand.Status.class})
class CampaignCommand {

  /** Who asked, as the state's {@code changed_by} records it. */
  static String operator() {
    return "cli:" + System.getProperty("user.name", "unknown");
  }

  /** One change: the campaign, when it takes effect, and the action each subcommand names. */
  abstract static class Change implements Callable<Integer> {

    private final CampaignLifecycle lifecycle;
    private final Clock clock;

    @Parameters(paramLabel = "ID", description = "the campaign's id")
    String id;

    @Option(names = "--as-of", description = "ISO-8601 instant the change takes effect (default: now; for simulated"
        + " runs, as `run --as-of`)")
    Instant asOf;

    @Spec
    CommandLine.Model.CommandSpec spec;

    Change(CampaignLifecycle lifecycle, Clock clock) {
      this.lifecycle = lifecycle;
      this.clock = clock;
    }

    abstract CampaignState.Action action();

    @Override
    public Integer call() {
      LifecycleChange change = lifecycle.change(id, action(), asOf == null ? clock.instant() : asOf, operator());
      spec.commandLine().getOut().println(change.describe());
      return CliRunner.OK;
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true,
      description = {"Nothing of the campaign is sent until `resume` (runs still enroll and plan).",
          "On resume the file's on_resume decides: catch_up (missed steps go out one per run) or shift",
          "(due dates move later by the length of the pause)."})
  static class Pause extends Change {
    Pause(CampaignLifecycle lifecycle, Clock clock) {
      super(lifecycle, clock);
    }

    @Override
    CampaignState.Action action() {
      return CampaignState.Action.PAUSE;
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true,
      description = "Ends a pause, as the campaign file's on_resume says (catch_up or shift).")
  static class Resume extends Change {
    Resume(CampaignLifecycle lifecycle, Clock clock) {
      super(lifecycle, clock);
    }

    @Override
    CampaignState.Action action() {
      return CampaignState.Action.RESUME;
    }
  }

  @Command(name = "close", mixinStandardHelpOptions = true,
      description = "No new enrollments; subscribers already in the series finish it.")
  static class Close extends Change {
    Close(CampaignLifecycle lifecycle, Clock clock) {
      super(lifecycle, clock);
    }

    @Override
    CampaignState.Action action() {
      return CampaignState.Action.CLOSE;
    }
  }

  @Command(name = "reopen", mixinStandardHelpOptions = true, description = "Runs enroll newcomers again.")
  static class Reopen extends Change {
    Reopen(CampaignLifecycle lifecycle, Clock clock) {
      super(lifecycle, clock);
    }

    @Override
    CampaignState.Action action() {
      return CampaignState.Action.REOPEN;
    }
  }

  @Command(name = "archive", mixinStandardHelpOptions = true,
      description = {"Read-only: runs are refused, nothing is sent, nobody is enrolled; the ledger and reports stay.",
          "`unarchive` brings it back, paused and closed."})
  static class Archive extends Change {
    Archive(CampaignLifecycle lifecycle, Clock clock) {
      super(lifecycle, clock);
    }

    @Override
    CampaignState.Action action() {
      return CampaignState.Action.ARCHIVE;
    }
  }

  @Command(name = "unarchive", mixinStandardHelpOptions = true,
      description = "Back from the archive, still paused and closed: `resume` and `reopen` when ready.")
  static class Unarchive extends Change {
    Unarchive(CampaignLifecycle lifecycle, Clock clock) {
      super(lifecycle, clock);
    }

    @Override
    CampaignState.Action action() {
      return CampaignState.Action.UNARCHIVE;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "The campaign's state: live, paused, closed, paused and closed, or archived, and since when.")
  static class Status implements Callable<Integer> {

    private final CampaignLifecycle lifecycle;

    @Parameters(paramLabel = "ID", description = "the campaign's id")
    String id;

    @Spec
    CommandLine.Model.CommandSpec spec;

    Status(CampaignLifecycle lifecycle) {
      this.lifecycle = lifecycle;
    }

    @Override
    public Integer call() {
      spec.commandLine().getOut().println(LifecycleChange.describe(lifecycle.state(id)));
      return CliRunner.OK;
    }
  }
}
