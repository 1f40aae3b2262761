package org.dripline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.draft.SeriesDrafter;
import org.dripline.infra.InvalidInputException;
import org.dripline.render.TemplateEngine;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "draft-series", mixinStandardHelpOptions = true,
    description = {"Turn a blog post into a draft drip series: one weekly email per section of the post (split at",
        "its headings), a campaign file and an HTML and a text template per email, to edit. Writes nothing",
        "if the campaign or its templates exist. Opens no database."})
class DraftSeriesCommand implements Callable<Integer> {

  private final SeriesDrafter drafter;
  private final CampaignCatalog catalog;
  /** Only without --out: the configured templates directory (the engine refuses one that does not exist). */
  private final ObjectProvider<TemplateEngine> templates;

  @Option(names = "--from", required = true, paramLabel = "POST", description = "the post: a .md, .html or .txt file")
  Path from;

  @Option(names = "--id", required = true, description = "the new campaign's id (lower-case letters, digits and '-')")
  String id;

  @Option(names = "--url", paramLabel = "URL",
      description = "the post's https address (links.post); default: the post's own (front matter, canonical link), else a placeholder to set")
  String url;

  @Option(names = "--out", paramLabel = "DIR",
      description = "write DIR/campaigns/ID.yaml and DIR/templates/ID/ (default: the configured campaigns and templates directories)")
  Path out;

  @Spec
  CommandLine.Model.CommandSpec spec;

  DraftSeriesCommand(SeriesDrafter drafter, CampaignCatalog catalog, ObjectProvider<TemplateEngine> templates) {
    this.drafter = drafter;
    this.catalog = catalog;
    this.templates = templates;
  }

  @Override
  public Integer call() throws IOException {
    Path campaigns = out == null ? catalog.directory() : out.resolve("campaigns");
    if (out != null && !Files.isDirectory(out)) {
      throw new InvalidInputException("--out " + out + " is not a directory; create it first");
    }
    Path templateDir = out == null ? configuredTemplates() : out.resolve("templates");
    SeriesDrafter.Drafted drafted = drafter.draft(from, id, url, campaigns, templateDir);
    PrintWriter print = spec.commandLine().getOut();
    int emails = drafted.steps().size();
    print.println("drafted " + id + " from " + from.getFileName() + ": " + emails + " emails, one a week");
    for (int i = 0; i < emails; i++) {
      print.printf("  %-9s P%-4s %s%n", drafted.steps().get(i), (7 * i) + "D", drafted.subjects().get(i));
    }
    print.println("wrote " + drafted.campaignFile() + " and " + emails * 2 + " templates in " + drafted.templatesDirectory()
        + (drafted.copiedFrom() == null ? "; sender and postal address are placeholders"
            : "; sender, postal address and links copied from " + drafted.copiedFrom()));
    print.println("next: settle each \"TODO marketer\" in the campaign file" + (drafted.postUrlKnown() ? ""
        : " (links.post is a placeholder)") + ", edit the emails, then `dripline validate` and `dripline preview`");
    return CliRunner.OK;
  }

  private Path configuredTemplates() {
    try {
      return templates.getObject().directory();
    } catch (BeansException e) {
      throw new InvalidInputException(e.getMostSpecificCause().getMessage());
    }
  }
}
