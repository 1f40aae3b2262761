package org.dripline.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.dripline.infra.InvalidInputException;
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
    Path target = out.toAbsolutePath();
    if (Files.isDirectory(target)) {
      throw new InvalidInputException(out + " is a directory; name a file, e.g. " + out.resolve("subscribers.csv"));
    }
    // A partial file never replaces a good one: write beside it, then move into place.
    Path partial = Files.createTempFile(target.getParent(), ".export-", ".csv");
    long count;
    try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
      count = export.write(writer);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    spec.commandLine().getErr().println("exported " + count + " subscribers to " + out);
    return CliRunner.OK;
  }
}
