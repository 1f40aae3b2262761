package org.dripline.web.api;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.Step;
import org.dripline.delivery.Preview;
import org.dripline.delivery.Previews;
import org.dripline.infra.NotFoundException;
import org.dripline.report.CampaignReport;
import org.dripline.report.CampaignReports;
import org.dripline.report.VersionHistories;
import org.dripline.report.VersionHistory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Campaigns, their reports and previews, read-only. */
@RestController
@ConditionalOnWebApplication
@RequestMapping(path = "/api/campaigns", produces = "application/json")
class CampaignsController {

  private final CampaignCatalog catalog;
  private final CampaignReports reports;
  private final Previews previews;
  private final VersionHistories versions;
  private final Clock clock;

  CampaignsController(CampaignCatalog catalog, CampaignReports reports, Previews previews, VersionHistories versions,
      Clock clock) {
    this.catalog = catalog;
    this.reports = reports;
    this.previews = previews;
    this.versions = versions;
    this.clock = clock;
  }

  /** A campaign file: its steps when it loads, else every problem with file:line:column. */
  record CampaignSummary(String id, String name, List<StepSummary> steps, List<String> problems) {
  }

  record StepSummary(String id, String offset, String template, boolean conditional) {
  }

  @GetMapping
  List<CampaignSummary> campaigns() {
    return catalog.loadAll().stream().map(loaded -> {
      String id = loaded.id();
      if (loaded.campaign() == null) {
        return new CampaignSummary(id, null, List.of(), loaded.problems().stream().map(Object::toString).toList());
      }
      List<StepSummary> steps = loaded.campaign().steps().stream().map(CampaignsController::summary).toList();
      return new CampaignSummary(id, loaded.campaign().name(), steps, List.of());
    }).toList();
  }

  /** A drip's report, or a newsletter issue's (its {@code kind} says which; an issue has recipients, not enrolled). */
  @GetMapping("/{id}/report")
  CampaignReport report(@PathVariable("id") String id) {
    return reports.report(catalog.newsletterIds().contains(id) ? id : known(id));
  }

  /**
   * The versions that came into force, oldest first, and the file's version. A campaign whose file
   * was removed still answers while it has a history (its subscribers follow those versions).
   */
  @GetMapping("/{id}/versions")
  VersionHistory versions(@PathVariable("id") String id) {
    return versions.history(id);
  }

  /** {@code asOf} absent means now. */
  @GetMapping("/{id}/preview")
  Preview preview(@PathVariable("id") String id, @RequestParam("step") String step,
      @RequestParam("subscriber") String subscriber, @RequestParam(name = "asOf", required = false) String asOf) {
    if (step.isBlank()) {
      throw new InvalidFieldException("step", "the step id is required");
    }
    if (subscriber.isBlank()) {
      throw new InvalidFieldException("subscriber", "the subscriber's email address is required");
    }
    Instant when = InvalidFieldException.instant("asOf", asOf, clock.instant());
    return previews.preview(known(id), step.strip(), subscriber.strip(), when);
  }

  /** Unknown ids are 404, whatever the catalog would say about a file that is not there. */
  private String known(String id) {
    if (!catalog.ids().contains(id)) {
      throw new NotFoundException("no campaign '" + id + "' (known: " + String.join(", ", catalog.ids()) + ")");
    }
    return id;
  }

  private static StepSummary summary(Step step) {
    return new StepSummary(step.id(), step.offset().toString(), step.template(), step.when() != null);
  }
}
