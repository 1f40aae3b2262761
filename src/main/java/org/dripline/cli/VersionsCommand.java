package org.dripline.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.dripline.report.VersionHistories;
import org.dripline.report.VersionHistory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "versions", mixinStandardHelpOptions = true,
    description = {"A campaign's version history: each version that came into force (its short hash, when, what",
        "changed, who accepted a hazardous change), the one in force (*), and whether the file on disk is newer."})
class VersionsCommand implements Callable<Integer> {

  private final VersionHistories histories;

  @Parameters(index = "0", paramLabel = "ID", description = "campaign id")
  String campaign;

  @Spec
  CommandLine.Model.CommandSpec spec;

  VersionsCommand(VersionHistories histories) {
    this.histories = histories;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    print(histories.history(campaign), out);
    out.flush();
    return CliRunner.OK;
  }

  /** The history as {@code versions} prints it; {@code report} prints the same block. */
  static void print(VersionHistory history, PrintWriter out) {
    out.println("Versions of " + history.campaignId() + " (oldest first; * in force):");
    if (history.versions().isEmpty()) {
      out.println("  none in force yet: the first run puts the file on disk in force");
    } else {
      String row = "%s %-3s %-12s  %-24s  %-40s  %s%n";
      out.printf(row, " ", "#", "version", "in force since", "what changed", "accepted");
      for (VersionHistory.Entry e : history.versions()) {
        out.printf(row, e.inForce() ? "*" : " ", e.number(), e.version(), e.since(), e.changedOrUnknown(), e.accepted());
      }
    }
    if (history.fileProblem() != null) {
      out.println("File on disk: " + history.fileProblem());
    } else if (history.fileAhead()) {
      out.println("File on disk: version " + history.fileVersionShort()
          + ", not in force yet (edited since the last run)");
    } else {
      out.println("File on disk: version " + history.fileVersionShort() + " (in force)");
    }
  }
}
