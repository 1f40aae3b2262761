package org.dripline.web.console;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.dripline.campaign.CampaignState;
import org.dripline.campaign.InvalidCampaignException;
import org.dripline.change.ChangeReport;
import org.dripline.change.ChangeReportText;
import org.dripline.change.LiveChanges;
import org.dripline.infra.ConflictException;
import org.dripline.infra.NotFoundException;
import org.dripline.lifecycle.CampaignLifecycle;
import org.dripline.lifecycle.LifecycleChange;
import org.dripline.render.TemplateProblemsException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's doors to a campaign's changes: the {@code diff} page (what the edited file would
 * do to the people in flight) and the lifecycle buttons (pause, resume, close, reopen, archive,
 * unarchive), which post here with the CSRF token and come back to the campaign page.
 */
@Controller
class CampaignActionsController {

  // Only ids a campaign can have go into the redirect's path, so it never leaves the console.
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

  private final LiveChanges changes;
  private final CampaignLifecycle lifecycle;
  private final Clock clock;

  CampaignActionsController(LiveChanges changes, CampaignLifecycle lifecycle, Clock clock) {
    this.changes = changes;
    this.lifecycle = lifecycle;
    this.clock = clock;
  }

  @GetMapping("/console/campaigns/{id}/diff")
  String diff(@PathVariable String id, Model model) {
    model.addAttribute("campaignId", known(id));
    try {
      ChangeReport report = changes.diff(id, clock.instant());
      model.addAttribute("report", report);
      model.addAttribute("lines", ChangeReportText.lines(report));
    } catch (InvalidCampaignException e) {
      model.addAttribute("problems", e.problems().stream().sorted().map(Object::toString).toList());
    } catch (TemplateProblemsException e) {
      model.addAttribute("problems", e.problems().stream().sorted().map(Object::toString).toList());
    }
    return "console/diff";
  }

  @PostMapping("/console/campaigns/{id}/lifecycle")
  String change(@PathVariable String id, @RequestParam("action") String action, Principal caller,
      RedirectAttributes redirect) {
    String campaignId = known(id);
    CampaignState.Action chosen = List.of(CampaignState.Action.values()).stream()
        .filter(a -> a.word().equals(action.toLowerCase(Locale.ROOT))).findFirst()
        .orElseThrow(() -> new NotFoundException("no lifecycle action '" + action + "'"));
    try {
      LifecycleChange change = lifecycle.change(campaignId, chosen, clock.instant(),
          "console:" + (caller == null ? "?" : caller.getName()));
      redirect.addFlashAttribute("notice", change.describe());
    } catch (ConflictException | InvalidCampaignException e) {
      redirect.addFlashAttribute("notice", e.getMessage());
    }
    return "redirect:/console/campaigns/" + campaignId;
  }

  private static String known(String id) {
    if (!ID.matcher(id).matches()) {
      throw new NotFoundException("no such campaign '" + id + "'");
    }
    return id;
  }
}
