package org.dripline.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.CampaignFiles;
import org.dripline.campaign.Problem;
import org.dripline.render.TemplateEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check every campaign and template; print each problem as file:line:column: what is wrong.")
class ValidateCommand implements Callable<Integer> {

  private final CampaignCatalog catalog;
  private final TemplateEngine templates;

  @Spec
  CommandLine.Model.CommandSpec spec;

  ValidateCommand(CampaignCatalog catalog, TemplateEngine templates) {
    this.catalog = catalog;
    this.templates = templates;
  }

  @Override
  public Integer call() {
    List<Problem> problems = new ArrayList<>(templates.parseAll());
    List<CampaignCatalog.Loaded> campaigns = catalog.loadAll();
    for (CampaignCatalog.Loaded loaded : campaigns) {
      problems.addAll(loaded.problems());
      if (loaded.campaign() != null) {
        templates.check(loaded.campaign()).stream().filter(p -> !problems.contains(p)).forEach(problems::add);
      }
    }
    problems.stream().sorted().forEach(p -> spec.commandLine().getErr().println(p));
    if (campaigns.isEmpty()) {
      spec.commandLine().getErr().println(catalog.directory() + ": no campaign files (" + CampaignFiles.NAMES + ") found");
      return CliRunner.INVALID;
    }
    spec.commandLine().getOut().println(campaigns.size() + " campaign(s) checked, " + problems.size() + " problem(s)");
    return problems.isEmpty() ? CliRunner.OK : CliRunner.INVALID;
  }
}
