package org.dripline.web.console;

import java.util.List;
import java.util.stream.Stream;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.report.CampaignReport;
import org.dripline.report.VersionHistories;
import org.dripline.report.VersionHistory;
import org.dripline.run.RunControl;
import org.dripline.web.ConsoleLogin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's entry: the login page and the campaign list with the recent runs. The list has the
 * newsletter issues too, after the drips and marked "newsletter issue": their page is their report.
 */
@Controller
@ConditionalOnWebApplication
class ConsoleController {

  static final int RECENT_RUNS = 20;

  private final CampaignCatalog catalog;
  private final ConsoleLogin login;
  private final RunControl runs;
  private final VersionHistories versions;

  ConsoleController(CampaignCatalog catalog, ConsoleLogin login, RunControl runs, VersionHistories versions) {
    this.catalog = catalog;
    this.login = login;
    this.runs = runs;
    this.versions = versions;
  }

  @GetMapping("/console/login")
  String login(@RequestParam(name = "error", required = false) String error,
      @RequestParam(name = "logout", required = false) String logout, Model model) {
    model.addAttribute("configured", login.configured());
    model.addAttribute("error", error != null);
    model.addAttribute("loggedOut", logout != null);
    return "console/login";
  }

  @GetMapping({"/console", "/console/"})
  String campaigns(Model model) {
    List<CampaignRow> rows = Stream.concat(catalog.loadAll().stream()
            .map(loaded -> CampaignRow.of(loaded, loaded.campaign() == null ? null : versions.history(loaded.campaign()))),
        catalog.loadNewsletters().stream().map(CampaignRow::issue)).toList();
    model.addAttribute("campaigns", rows);
    model.addAttribute("runs", runs.recent(RECENT_RUNS));
    return "console/campaigns";
  }

  /**
   * A campaign or issue file as the list shows it: broken files are listed with their problems, not
   * hidden. {@code version}: the short hash of the version in force, or what to say instead (an
   * issue has no versions); {@code steps} an issue's variants.
   */
  public record CampaignRow(String id, String name, int steps, List<String> problems, String version,
      CampaignReport.Kind kind) {
    static CampaignRow of(CampaignCatalog.Loaded loaded, VersionHistory history) {
      String id = loaded.id();
      return loaded.campaign() == null
          ? new CampaignRow(id, "", 0, problems(loaded), "", CampaignReport.Kind.DRIP)
          : new CampaignRow(id, loaded.campaign().name(), loaded.campaign().steps().size(), List.of(), version(history),
              CampaignReport.Kind.DRIP);
    }

    static CampaignRow issue(CampaignCatalog.Loaded loaded) {
      return loaded.campaign() == null
          ? new CampaignRow(loaded.id(), "", 0, problems(loaded), "", CampaignReport.Kind.ISSUE)
          : new CampaignRow(loaded.id(), loaded.campaign().name(), loaded.campaign().steps().size(), List.of(), "",
              CampaignReport.Kind.ISSUE);
    }

    public boolean isIssue() {
      return kind == CampaignReport.Kind.ISSUE;
    }

    private static List<String> problems(CampaignCatalog.Loaded loaded) {
      return loaded.problems().stream().map(Object::toString).toList();
    }

    private static String version(VersionHistory history) {
      if (history.versions().isEmpty()) {
        return "none in force yet";
      }
      String inForce = history.versions().get(history.versions().size() - 1).version();
      return history.fileAhead() ? inForce + " (file edited since: " + history.fileVersionShort() + ")" : inForce;
    }
  }
}
