package org.dripline.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dripline.subscriber.SuppressionList;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "suppress", mixinStandardHelpOptions = true,
    description = {"Add addresses to the global suppression list: they are never sent to again.",
        "Either --email with an optional --reason, or --file with a CSV (columns email, optional reason)."})
class SuppressCommand implements Callable<Integer> {

  private final SuppressionList suppressions;

  @ArgGroup(multiplicity = "1")
  Target target;

  static class Target {
    @Option(names = "--email", description = "one address")
    String email;

    @Option(names = "--file", description = "CSV file with an email column")
    Path file;
  }

  @Option(names = "--reason", defaultValue = "MANUAL", description = "UNSUBSCRIBED, HARD_BOUNCE, COMPLAINT or MANUAL")
  String reason;

  @Spec
  CommandLine.Model.CommandSpec spec;

  SuppressCommand(SuppressionList suppressions) {
    this.suppressions = suppressions;
  }

  @Override
  public Integer call() {
    if (target.email != null) {
      boolean added = suppressions.add(target.email, reason, "cli");
      spec.commandLine().getOut().println((added ? "suppressed=1" : "suppressed=0 already=1") + " " + target.email);
      return CliRunner.OK;
    }
    SuppressionList.ImportResult result = suppressions.importFile(target.file);
    result.rejections().forEach(line -> spec.commandLine().getErr().println(line));
    spec.commandLine().getOut().println("suppressed=" + result.added() + " already=" + result.already()
        + " rejected=" + result.rejections().size());
    return result.rejections().isEmpty() ? CliRunner.OK : CliRunner.INVALID;
  }
}
