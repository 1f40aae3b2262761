package org.dripline.web.api;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.dripline.infra.NotFoundException;
import org.dripline.run.Plans;
import org.dripline.run.RunControl;
import org.dripline.run.RunView;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs over HTTP. Starting one validates the campaign at once (400 with every problem) and then
 * sends in the background: 202 and where to watch it. {@code dryRun} answers with the plan
 * instead and writes nothing.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping(path = "/api/runs", produces = "application/json")
class RunsController {

  static final int MAX_LIMIT = 500;

  private final RunControl runs;
  private final Plans plans;
  private final Clock clock;

  RunsController(RunControl runs, Plans plans, Clock clock) {
    this.runs = runs;
    this.plans = plans;
    this.clock = clock;
  }

  /**
   * {@code asOf} absent means now; {@code dryRun} absent means a real run; {@code acceptChange}:
   * the change hash of {@code GET /api/campaigns/{id}/diff}, to put an edit with hazards in force.
   */
  record StartRequest(String campaign, String asOf, Boolean dryRun, String acceptChange) {
  }

  @PostMapping(consumes = "application/json")
  ResponseEntity<?> start(@RequestBody(required = false) StartRequest request,
      java.security.Principal caller) {
    if (request == null || request.campaign() == null || request.campaign().isBlank()) {
      throw new InvalidFieldException("campaign", "the campaign id is required, e.g. {\"campaign\":\"working-mom-guilt\"}");
    }
    Instant asOf = InvalidFieldException.instant("asOf", request.asOf(), clock.instant());
    String campaign = request.campaign().strip();
    if (Boolean.TRUE.equals(request.dryRun())) {
      return ResponseEntity.ok(plans.plan(campaign, asOf));
    }
    String accept = request.acceptChange() == null || request.acceptChange().isBlank() ? null
        : request.acceptChange().strip();
    RunView run = runs.start(campaign, asOf, new org.dripline.run.RunOptions(false, false, accept,
        accept == null ? null : "api:" + (caller == null ? "token" : caller.getName())));
    return ResponseEntity.accepted().location(location(run)).body(run);
  }

  @GetMapping
  List<RunView> recent(@RequestParam(name = "limit", defaultValue = "20") int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidFieldException("limit", "limit must be between 1 and " + MAX_LIMIT);
    }
    return runs.recent(limit);
  }

  @GetMapping("/{id}")
  RunView run(@PathVariable("id") long id) {
    return runs.find(id).orElseThrow(() -> new NotFoundException("no run " + id));
  }

  /** Graceful: messages in flight finish and are recorded; the run ends STOPPED and can be restarted. */
  @PostMapping("/{id}/stop")
  ResponseEntity<RunView> stop(@PathVariable("id") long id) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(runs.stop(id));
  }

  /**
   * A run left STARTED by a process whose heartbeat is older than {@code dripline.run.lease} is
   * taken over on its own; {@code recover=true} takes over one that still looks alive (the operator's
   * call). The answer, like every run view, names the owner, its last heartbeat and {@code recoveredFrom}.
   */
  @PostMapping("/{id}/restart")
  ResponseEntity<RunView> restart(@PathVariable("id") long id,
      @RequestParam(name = "recover", defaultValue = "false") boolean recover) {
    RunView run = runs.restart(id, recover);
    return ResponseEntity.accepted().location(location(run)).body(run);
  }

  private static URI location(RunView run) {
    return URI.create("/api/runs/" + run.id());
  }
}
