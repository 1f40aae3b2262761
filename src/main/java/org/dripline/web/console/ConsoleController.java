package org.dripline.web.console;

import java.util.List;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.run.RunControl;
import org.dripline.web.ConsoleLogin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The console's entry: the login page and the campaign list with the recent runs. */
@Controller
@ConditionalOnWebApplication
class ConsoleController {

  static final int RECENT_RUNS = 20;

  private final CampaignCatalog catalog;
  private final ConsoleLogin login;
  private final RunControl runs;

  ConsoleController(CampaignCatalog catalog, ConsoleLogin login, RunControl runs) {
    this.catalog = catalog;
    this.login = login;
    this.runs = runs;
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
    List<CampaignRow> rows = catalog.loadAll().stream().map(CampaignRow::of).toList();
    model.addAttribute("campaigns", rows);
    model.addAttribute("runs", runs.recent(RECENT_RUNS));
    return "console/campaigns";
  }

  /** A campaign file as the list shows it: broken files are listed with their problems, not hidden. */
  public record CampaignRow(String id, String name, int steps, List<String> problems) {
    static CampaignRow of(CampaignCatalog.Loaded loaded) {
      String id = loaded.id();
      return loaded.campaign() == null
          ? new CampaignRow(id, "", 0, loaded.problems().stream().map(Object::toString).toList())
          : new CampaignRow(id, loaded.campaign().name(), loaded.campaign().steps().size(), List.of());
    }
  }
}
