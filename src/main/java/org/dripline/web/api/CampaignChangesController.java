package org.dripline.web.api;

import org.dripline.change.ChangeReport;
import org.dripline.change.LiveChanges;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/campaigns/{id}/diff[?asOf=T]}: the CLI's {@code diff} as JSON. 200 with {@code safe} and
 * the hazards either way (a diff with hazards is an answer, not an error); an invalid file is 400.
 */
@RestController
@RequestMapping(path = "/api/campaigns", produces = "application/json")
class CampaignChangesController {

  private final LiveChanges changes;
  private final java.time.Clock clock;

  CampaignChangesController(LiveChanges changes, java.time.Clock clock) {
    this.changes = changes;
    this.clock = clock;
  }

  /** The report with {@code safe} spelled out, so a client need not count hazards. */
  record DiffView(boolean safe, ChangeReport report) {
  }

  @GetMapping("/{id}/diff")
  DiffView diff(@PathVariable("id") String id,
      @org.springframework.web.bind.annotation.RequestParam(name = "asOf", required = false) String asOf) {
    ChangeReport report = changes.diff(id, InvalidFieldException.instant("asOf", asOf, clock.instant()));
    return new DiffView(report.safe(), report);
  }
}
