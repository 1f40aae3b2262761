package org.dripline.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dripline.subscriber.importing.ImportReport;
import org.dripline.subscriber.importing.SubscriberImporter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Import subscribers from a UTF-8 CSV file with a header row.",
        "Columns: email (required), first_name, timezone (IANA), tags (';'-separated); any other column"
            + " becomes an attribute. Re-importing updates by email. Rejected rows are listed with their"
            + " line numbers on stderr and the exit code is 2; every valid row is imported either way."})
class ImportCommand implements Callable<Integer> {

  private final SubscriberImporter importer;

  @Option(names = "--file", required = true, description = "the CSV file")
  Path file;

  @Spec
  CommandLine.Model.CommandSpec spec;

  ImportCommand(SubscriberImporter importer) {
    this.importer = importer;
  }

  @Override
  public Integer call() {
    ImportReport report = importer.importFile(file, "import");
    report.rejections().forEach(line -> spec.commandLine().getErr().println(line));
    if (report.rejected() > report.rejections().size()) {
      spec.commandLine().getErr().println("... and " + (report.rejected() - report.rejections().size())
          + " more rejected rows");
    }
    spec.commandLine().getOut().println(report.summary());
    return report.rejected() == 0 ? CliRunner.OK : CliRunner.INVALID;
  }
}
