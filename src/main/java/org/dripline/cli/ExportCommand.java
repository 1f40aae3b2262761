package org.dripline.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dripline.subscriber.importing.SubscriberExport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Every subscriber and their state as CSV (UTF-8): the import columns first, so the file re-imports,",
        "then status, suppression, consent and each campaign's enrollment state."})
class ExportCommand implements Callable<Integer> {

  private final SubscriberExport export;

  @Option(names = "--out", description = "file to write (default: standard output); written whole or not at all")
  Path out;

  @Spec
  CommandLine.Model.CommandSpec spec;

  ExportCommand(SubscriberExport export) {
    this.export = export;
  }

  @Override
  public Integer call() throws IOException {
    if (out == null) {
      Writer writer = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
      export.write(writer);
      writer.flush();
      return CliRunner.OK;
    }
    // Whole or not at all, never through a planted link, and a missing directory named (OutputFiles).
    long[] count = new long[1];
    OutputFiles.write(out, writer -> count[0] = export.write(writer));
    spec.commandLine().getErr().println("exported " + count[0] + " subscribers to " + out);
    return CliRunner.OK;
  }
}
