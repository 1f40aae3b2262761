package org.dripline.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.dripline.delivery.DkimRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(name = "dkim-record", mixinStandardHelpOptions = true,
    description = {"The DNS TXT record to publish for the DKIM key messages are signed with: the configured",
        "dripline.dkim.private-key, or the key generated once and stored in the database."})
class DkimRecordCommand implements Callable<Integer> {

  private final DkimRecord record;

  @Spec
  CommandLine.Model.CommandSpec spec;

  DkimRecordCommand(DkimRecord record) {
    this.record = record;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.println(record.line());
    out.flush();
    if (record.generated()) {
      // stderr, so that stdout stays the record alone for scripts
      spec.commandLine().getErr().println("note: a generated key (no dripline.dkim.private-key): fine for the dev"
          + " inbox; configure your own key before sending through a real SMTP host");
      spec.commandLine().getErr().flush();
    }
    return CliRunner.OK;
  }
}
