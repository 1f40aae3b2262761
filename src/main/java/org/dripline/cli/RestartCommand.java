package org.dripline.cli;

import java.util.concurrent.Callable;
import org.dripline.run.DripRuns;
import org.dripline.run.RunProgress;
import org.dripline.run.RunSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "restart", mixinStandardHelpOptions = true,
    description = {"Restart a failed or stopped run where it stopped; nothing already sent is sent again."})
class RestartCommand implements Callable<Integer> {

  private final DripRuns runs;

  @Parameters(paramLabel = "ID", description = "the run's id (see `jobs`)")
  long id;

  @Option(names = "--recover", description = {"take the run over now even though its owner's heartbeat is fresh;",
      "one whose heartbeat is older than dripline.run.lease is taken over without it"})
  boolean recover;

  @Spec
  CommandLine.Model.CommandSpec spec;

  RestartCommand(DripRuns runs) {
    this.runs = runs;
  }

  @Override
  public Integer call() {
    RunProgress progress = runs.progress(spec.commandLine().getErr());
    RunSummary summary;
    try {
      summary = runs.restart(id, recover, progress);
    } finally {
      progress.finish();
    }
    return RunCommand.report(summary, spec);
  }
}
