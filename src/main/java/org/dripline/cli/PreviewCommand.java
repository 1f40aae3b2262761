package org.dripline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.dripline.delivery.Preview;
import org.dripline.delivery.Previews;
import org.dripline.report.VersionHistories;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "preview", mixinStandardHelpOptions = true,
    description = {"Show the exact subject, HTML and text one subscriber gets for one step, with tracking links as",
        "they would be, what the ledger says of that step on that date, and the campaign version the subscriber",
        "follows. Sends and writes nothing."})
class PreviewCommand implements Callable<Integer> {

  private final Previews previews;
  private final VersionHistories versions;

  @Option(names = "--campaign", required = true, description = "campaign id")
  String campaign;

  @Option(names = "--step", required = true, description = "step id")
  String step;

  @Option(names = "--subscriber", required = true, description = "the subscriber's email address")
  String subscriber;

  @Option(names = "--as-of", description = "ISO-8601 instant the preview is for (default: now)")
  Instant asOf;

  @Option(names = "--out", description = "write subject.txt, body.html, body.txt and message.eml into this directory")
  Path out;

  @Spec
  CommandLine.Model.CommandSpec spec;

  PreviewCommand(Previews previews, VersionHistories versions) {
    this.previews = previews;
    this.versions = versions;
  }

  @Override
  public Integer call() throws IOException {
    Preview preview = previews.preview(campaign, step, subscriber, asOf);
    PrintWriter print = spec.commandLine().getOut();
    print.println("Campaign: " + preview.campaignId() + "   Step: " + preview.stepId() + "   As of: " + preview.asOf());
    print.println("Status:   " + preview.status());
    print.println("Version:  " + VersionHistories.follows(versions.history(preview.campaignId()), preview.versionHash())
        + "; subject and content from the file on disk");
    print.println("From:     " + preview.from());
    print.println("To:       " + preview.to());
    print.println("Subject:  " + preview.subject());
    if (out != null) {
      createDirectory(out);
      // Each file via a temporary file and a rename (OutputFiles); a link planted in the directory is
      // refused before any file is written, so the directory is never left half updated by it.
      for (String name : FILES) {
        OutputFiles.refuseLink(out.resolve(name));
      }
      OutputFiles.writeString(out.resolve("subject.txt"), preview.subject() + "\n");
      OutputFiles.writeString(out.resolve("body.html"), preview.html());
      OutputFiles.writeString(out.resolve("body.txt"), preview.text());
      OutputFiles.writeString(out.resolve("message.eml"), preview.eml());
      print.println("Wrote:    " + out.resolve("body.html") + ", body.txt, subject.txt, message.eml");
      return CliRunner.OK;
    }
    print.println();
    print.println("----- text part -----");
    print.println(preview.text());
    print.println("----- HTML part (" + preview.html().length() + " characters; --out DIR writes it to a file) -----");
    print.println(preview.html());
    return CliRunner.OK;
  }

  private static final java.util.List<String> FILES = java.util.List.of("subject.txt", "body.html", "body.txt",
      "message.eml");

  /** The --out directory, created with its parents; an existing file or link in the way is named. */
  private static void createDirectory(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    if (Files.exists(directory, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new org.dripline.infra.InvalidInputException("cannot write into " + directory
          + ": it exists and is not a directory");
    }
    try {
      Files.createDirectories(directory);
    } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.AccessDeniedException e) {
      throw new org.dripline.infra.InvalidInputException("cannot create the directory " + directory + ": "
          + (e instanceof java.nio.file.AccessDeniedException ? "permission denied for " : "not a directory: ")
          + e.getFile());
    }
  }
}
