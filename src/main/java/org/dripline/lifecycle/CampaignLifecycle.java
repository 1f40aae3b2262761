package org.dripline.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.CampaignState;
import org.dripline.campaign.CampaignStates;
import org.dripline.campaign.Lifecycle;
import org.dripline.delivery.DeliveryLedger;
import org.dripline.enrollment.Enrollments;
import org.dripline.infra.ConcurrentWrites;
import org.dripline.infra.ConflictException;
import org.dripline.infra.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The one door to a campaign's lifecycle for the CLI, the API and the console. Every request is
 * idempotent: asking for what already holds changes nothing and answers the state. A request is
 * one transaction: the state row is read locked, the transition decided ({@link CampaignState#apply}),
 * a resume's {@code on_resume: shift} applied to the ledger and the enrollments, and the state
 * written; two operators at once are serialised, and a collision is decided again on a fresh read.
 */
@Service
public class CampaignLifecycle {

  private final CampaignCatalog catalog;
  private final CampaignStates states;
  private final Enrollments enrollments;
  private final DeliveryLedger ledger;
  private final ConcurrentWrites writes;

  public CampaignLifecycle(CampaignCatalog catalog, CampaignStates states, Enrollments enrollments,
      DeliveryLedger ledger, PlatformTransactionManager transactionManager) {
    this.catalog = catalog;
    this.states = states;
    this.enrollments = enrollments;
    this.ledger = ledger;
    this.writes = new ConcurrentWrites(transactionManager);
  }

  /** The campaign's state (live when nobody changed it). */
  public CampaignState state(String campaignId) {
    CampaignState state = states.find(campaignId);
    known(campaignId, state);
    return state;
  }

  /** Every campaign with a file or a stored state, by id: what the console lists. */
  public Map<String, CampaignState> states() {
    Map<String, CampaignState> stored = states.all();
    TreeSet<String> ids = new TreeSet<>(catalog.ids());
    ids.addAll(stored.keySet());
    Map<String, CampaignState> all = new LinkedHashMap<>();
    ids.forEach(id -> all.put(id, stored.getOrDefault(id, CampaignState.live(id))));
    return all;
  }

  /** Nothing of the campaign is sent until {@link #resume}; runs still enroll, judge goals and plan. */
  public LifecycleChange pause(String campaignId, Instant at, String by) {
    return change(campaignId, CampaignState.Action.PAUSE, at, by);
  }

  /** Ends a pause; the campaign file's {@code on_resume} says what happens to the steps that fell due. */
  public LifecycleChange resume(String campaignId, Instant at, String by) {
    return change(campaignId, CampaignState.Action.RESUME, at, by);
  }

  /** Nobody new is enrolled; those in the series finish it. */
  public LifecycleChange close(String campaignId, Instant at, String by) {
    return change(campaignId, CampaignState.Action.CLOSE, at, by);
  }

  public LifecycleChange reopen(String campaignId, Instant at, String by) {
    return change(campaignId, CampaignState.Action.REOPEN, at, by);
  }

  /** Read-only: runs are refused, nothing is sent, nobody enrolled; the ledger and reports stay. */
  public LifecycleChange archive(String campaignId, Instant at, String by) {
    return change(campaignId, CampaignState.Action.ARCHIVE, at, by);
  }

  /** Back from the archive, still paused and closed: resume and reopen are separate decisions. */
  public LifecycleChange unarchive(String campaignId, Instant at, String by) {
    return change(campaignId, CampaignState.Action.UNARCHIVE, at, by);
  }

  /**
   * Applies {@code action} at {@code at} for {@code by} (who asked: {@code cli:<user>}, {@code api},
   * {@code console:<user>}).
   *
   * @throws NotFoundException an unknown campaign
   * @throws ConflictException resume or reopen of an archived campaign
   * @throws org.dripline.campaign.InvalidCampaignException a resume whose campaign file does not load
   *                                                        (its {@code on_resume} decides the resume)
   */
  public LifecycleChange change(String campaignId, CampaignState.Action action, Instant at, String by) {
    known(campaignId, states.find(campaignId));
    // Only a resume needs the file: it says how the steps that fell due during the pause go out.
    Lifecycle.OnResume onResume = action == CampaignState.Action.RESUME && states.find(campaignId).pausedAt() != null
        ? catalog.load(campaignId).lifecycle().onResume() : null;
    return writes.run(() -> {
      CampaignState before = states.findForUpdate(campaignId);
      CampaignState.Transition transition = before.apply(action, at, by);
      if (action != CampaignState.Action.RESUME || !transition.changed()) {
        return new LifecycleChange(action, transition.changed(), states.write(transition), null, null, 0, 0);
      }
      Instant pausedAt = before.pausedAt();
      Lifecycle.OnResume mode = onResume == null ? catalog.load(campaignId).lifecycle().onResume() : onResume;
      int messages = 0;
      int moved = 0;
      if (mode == Lifecycle.OnResume.SHIFT) {
        // The ledger first: it moves each planned message as its enrollment moves, from the dates as they are now.
        messages = ledger.shiftPlanned(campaignId, pausedAt, at);
        moved = enrollments.shift(campaignId, pausedAt, at);
      }
      Duration pause = at.isAfter(pausedAt) ? Duration.between(pausedAt, at) : Duration.ZERO;
      return new LifecycleChange(action, true, states.write(transition), mode, pause, moved, messages);
    });
  }

  /**
   * For the run door: an archived campaign is read-only, so its runs are refused before anything
   * is written, with one line that says why and what to do.
   *
   * @throws ConflictException the campaign is archived
   */
  public void refuseArchived(String campaignId) {
    CampaignState state = states.find(campaignId);
    if (state.archived()) {
      throw new ConflictException("campaign " + campaignId + " is archived (since " + state.archivedAt() + " by "
          + state.changedBy() + "): it is read-only and is not run; `dripline campaign unarchive " + campaignId
          + "` brings it back (paused and closed)");
    }
  }

  /** Whether the campaign is archived: the scheduler skips it. */
  public boolean archived(String campaignId) {
    return states.find(campaignId).archived();
  }

  /** A campaign with a file, or one whose file is gone but that has a stored state (an archive). */
  private void known(String campaignId, CampaignState stored) {
    if (stored.revision() < 0 && !catalog.ids().contains(campaignId)) {
      throw new NotFoundException("no campaign '" + campaignId + "' (known: " + String.join(", ", catalog.ids()) + ")");
    }
  }
}
