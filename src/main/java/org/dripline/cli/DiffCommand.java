package org.dripline.cli;

import java.util.concurrent.Callable;
import org.dripline.change.ChangeReport;
import org.dripline.change.ChangeReportText;
import org.dripline.change.LiveChanges;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"What putting the campaign file in force would do to the people already in the series:"
        + " the edits against the version in force, who gets what next and when, and the hazards.",
        "Writes nothing. Exit code 0: safe; 3: hazards (a run refuses them); 2: the file is invalid."})
class DiffCommand implements Callable<Integer> {

  private final LiveChanges changes;
  private final java.time.Clock clock;

  @Option(names = "--campaign", required = true, description = "campaign id")
  String campaign;

  @Option(names = "--as-of", description = "ISO-8601 instant a run would be at: conditions are judged then"
      + " (default: now)")
  java.time.Instant asOf;

  @Spec
  CommandLine.Model.CommandSpec spec;

  DiffCommand(LiveChanges changes, java.time.Clock clock) {
    this.changes = changes;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    ChangeReport report = changes.diff(campaign, asOf == null ? clock.instant() : asOf);
    ChangeReportText.lines(report).forEach(spec.commandLine().getOut()::println);
    return report.safe() ? CliRunner.OK : CliRunner.HAZARDS;
  }
}
