package org.dripline.web.console;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.delivery.Preview;
import org.dripline.delivery.Previews;
import org.dripline.infra.InvalidInputException;
import org.dripline.infra.NotFoundException;
import org.dripline.report.CampaignReport;
import org.dripline.report.CampaignReports;
import org.dripline.report.LinkReport;
import org.dripline.report.Timelines;
import org.dripline.report.VersionHistories;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * A campaign's page (report with chart, steps, links, version history), its preview form and a
 * subscriber's timeline. Every page says which campaign version is meant. A newsletter issue has
 * the report page only (its variants and A/B outcome); its other pages stay the drip's.
 */
@Controller
@ConditionalOnWebApplication
class CampaignPagesController {

  static final int TOP_LINKS = 10;

  private final CampaignCatalog catalog;
  private final CampaignReports reports;
  private final Previews previews;
  private final Timelines timelines;
  private final VersionHistories versions;
  private final Clock clock;

  private final org.dripline.lifecycle.CampaignLifecycle lifecycle;

  CampaignPagesController(CampaignCatalog catalog, CampaignReports reports, Previews previews, Timelines timelines,
      VersionHistories versions, org.dripline.lifecycle.CampaignLifecycle lifecycle, Clock clock) {
    this.lifecycle = lifecycle;
    this.catalog = catalog;
    this.reports = reports;
    this.previews = previews;
    this.timelines = timelines;
    this.versions = versions;
    this.clock = clock;
  }

  /**
   * A drip's page, or a newsletter issue's: the same {@link CampaignReport} the CLI and the API
   * show, its {@code kind} deciding which figures the page has (an issue: recipients, variants and
   * its A/B outcome; no lifecycle, versions, preview or timeline, which are a series').
   */
  @GetMapping("/console/campaigns/{id}")
  String report(@PathVariable String id, Model model) {
    boolean issue = catalog.newsletterIds().contains(id);
    Campaign campaign = issue ? catalog.load(id) : campaign(id);
    CampaignReport report = reports.report(id);
    model.addAttribute("campaign", campaign);
    model.addAttribute("report", report);
    model.addAttribute("issue", report.kind() == CampaignReport.Kind.ISSUE);
    model.addAttribute("chart", BarChart.of(report.steps().stream().map(s -> new BarChart.Group(s.stepId(), s.sent(),
        s.opensHuman(), s.opensMachine(), s.clicksHuman(), s.clicksMachine())).toList()));
    model.addAttribute("topLinks", topLinks(report.links()));
    model.addAttribute("date", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString());
    if (!issue) {
      model.addAttribute("lifecycle", lifecycle.state(id));
    }
    return "console/report";
  }

  /**
   * What {@code subscriber} gets from {@code step} on {@code date} (the end of that day, UTC, so
   * anything due that day counts). Writes nothing, so a plain GET form without CSRF token.
   */
  @GetMapping("/console/campaigns/{id}/preview")
  String preview(@PathVariable String id, @RequestParam(defaultValue = "") String step,
      @RequestParam(defaultValue = "") String subscriber, @RequestParam(defaultValue = "") String date, Model model) {
    Campaign campaign = campaign(id);
    model.addAttribute("campaign", campaign);
    model.addAttribute("step", step);
    model.addAttribute("subscriber", subscriber);
    String day = date.isBlank() ? LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString() : date.strip();
    model.addAttribute("date", day);
    if (step.isBlank() || subscriber.isBlank()) {
      model.addAttribute("problem", "Choose a step and enter a subscriber's email address.");
      return "console/preview";
    }
    try {
      Instant asOf = LocalDate.parse(day).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
      Preview preview = previews.preview(id, step, subscriber.strip(), asOf);
      model.addAttribute("preview", preview);
      model.addAttribute("version", VersionHistories.follows(versions.history(campaign), preview.versionHash()));
    } catch (DateTimeParseException e) {
      model.addAttribute("problem", "'" + day + "' is not a date like 2026-12-15.");
    } catch (NotFoundException | InvalidInputException e) {
      // An unknown subscriber or step (a typo) or a template with problems: the marketer's to fix, on the form.
      model.addAttribute("problem", e.getMessage());
    }
    return "console/preview";
  }

  /** One subscriber's path through the campaign: the version they follow, each step's date and status. */
  @GetMapping("/console/campaigns/{id}/timeline")
  String timeline(@PathVariable String id, @RequestParam(defaultValue = "") String subscriber, Model model) {
    Campaign campaign = campaign(id);
    model.addAttribute("campaign", campaign);
    model.addAttribute("subscriber", subscriber);
    if (subscriber.isBlank()) {
      model.addAttribute("problem", "Enter a subscriber's email address.");
      return "console/timeline";
    }
    try {
      model.addAttribute("timeline", timelines.timeline(id, subscriber.strip()));
    } catch (NotFoundException | InvalidInputException e) {
      // An unknown address (a typo): said on the form rather than as an error page.
      model.addAttribute("problem", e.getMessage());
    }
    return "console/timeline";
  }

  private Campaign campaign(String id) {
    if (!catalog.ids().contains(id)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no campaign " + id);
    }
    return catalog.load(id);
  }

  static List<LinkReport> topLinks(List<LinkReport> links) {
    return links.stream().sorted(Comparator.comparingLong(LinkReport::clicksHuman).reversed()
        .thenComparing(Comparator.comparingLong(LinkReport::clicksMachine).reversed())).limit(TOP_LINKS).toList();
  }
}
