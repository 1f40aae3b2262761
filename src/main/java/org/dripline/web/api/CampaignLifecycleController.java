package org.dripline.web.api;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.dripline.campaign.CampaignState;
import org.dripline.lifecycle.CampaignLifecycle;
import org.dripline.lifecycle.LifecycleChange;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A campaign's lifecycle over HTTP: {@code GET /api/campaigns/{id}/lifecycle} reads it,
 * {@code POST /api/campaigns/{id}/pause|resume|close|reopen|archive|unarchive} changes it. Each POST
 * is idempotent: asking for what already holds answers 200 with {@code changed: false} and the
 * state. Unknown campaign 404; resuming or reopening an archived one 409; a resume whose campaign
 * file does not load 400 (its {@code on_resume} decides the resume).
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping(path = "/api/campaigns", produces = "application/json")
class CampaignLifecycleController {

  /** Who changed it, as {@code changed_by} records it: the API has one token, not users. */
  static final String OPERATOR = "api";

  private final CampaignLifecycle lifecycle;
  private final Clock clock;

  CampaignLifecycleController(CampaignLifecycle lifecycle, Clock clock) {
    this.lifecycle = lifecycle;
    this.clock = clock;
  }

  /** The state: {@code state} is live, paused, closed, "paused and closed" or archived. */
  record LifecycleView(String campaign, String state, boolean paused, boolean closed, boolean archived,
      Instant pausedAt, Instant closedAt, Instant archivedAt, Instant changedAt, String changedBy) {

    static LifecycleView of(CampaignState state) {
      return new LifecycleView(state.campaignId(), state.status(), state.paused(), state.closed(), state.archived(),
          state.pausedAt(), state.closedAt(), state.archivedAt(), state.changedAt(), state.changedBy());
    }
  }

  /**
   * What a POST did. {@code onResume}, {@code pauseSeconds}, {@code movedEnrollments} and
   * {@code movedMessages} are set for a resume that ended a pause.
   */
  record ChangeView(String action, boolean changed, String message, LifecycleView lifecycle, String onResume,
      Long pauseSeconds, int movedEnrollments, int movedMessages) {

    static ChangeView of(LifecycleChange change) {
      return new ChangeView(change.action().word(), change.changed(), change.describe(),
          LifecycleView.of(change.state()),
          change.onResume() == null ? null : change.onResume().name().toLowerCase(Locale.ROOT),
          change.pause() == null ? null : change.pause().toSeconds(), change.movedEnrollments(),
          change.movedMessages());
    }
  }

  @GetMapping("/{id}/lifecycle")
  LifecycleView state(@PathVariable("id") String id) {
    return LifecycleView.of(lifecycle.state(id));
  }

  /** {@code asOf} absent means now (given, it simulates, as a run's {@code asOf} does). */
  @PostMapping("/{id}/{action:pause|resume|close|reopen|archive|unarchive}")
  ChangeView change(@PathVariable("id") String id, @PathVariable("action") String action,
      @RequestParam(name = "asOf", required = false) String asOf) {
    Instant at = InvalidFieldException.instant("asOf", asOf, clock.instant());
    CampaignState.Action requested = CampaignState.Action.valueOf(action.toUpperCase(Locale.ROOT));
    return ChangeView.of(lifecycle.change(id, requested, at, OPERATOR));
  }
}
