package org.dripline.campaign;

import java.time.Instant;
import org.dripline.infra.ConflictException;

/**
 * What an operator has done to a whole campaign (README, "Campaign lifecycle"), as stored in
 * {@code campaign_lifecycle}: paused (nothing is sent), closed (nobody new is enrolled), archived
 * (read-only: no run, nothing sent, nobody enrolled; the history stays). Pausing and closing
 * combine; archiving is both, plus the refusal of runs. Each field is the instant that condition
 * began, null when it does not hold. The transitions are pure, so the rules are unit-tested apart
 * from the database; {@link CampaignStates} stores their result.
 *
 * @param revision how many changes the stored row has had; -1 when there is no row (a live
 *                 campaign nobody ever changed)
 */
public record CampaignState(String campaignId, Instant pausedAt, Instant closedAt, Instant archivedAt,
    Instant changedAt, String changedBy, long revision) {

  /** A campaign without a stored row: sends and enrolls. */
  public static CampaignState live(String campaignId) {
    return new CampaignState(campaignId, null, null, null, null, null, -1);
  }

  /** What an operator asks for, each idempotent: asking for what already holds changes nothing. */
  public enum Action {
    PAUSE, RESUME, CLOSE, REOPEN, ARCHIVE, UNARCHIVE;

    /** The word of the CLI subcommand and of the API path. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One action applied: {@code before} and {@code after} are equal when it changed nothing. */
  public record Transition(Action action, CampaignState before, CampaignState after) {

    public boolean changed() {
      return !before.equals(after);
    }
  }

  public boolean paused() {
    return pausedAt != null || archivedAt != null;
  }

  public boolean closed() {
    return closedAt != null || archivedAt != null;
  }

  public boolean archived() {
    return archivedAt != null;
  }

  /** One word or two for people: live, paused, closed, paused and closed, archived. */
  public String status() {
    if (archived()) {
      return "archived";
    }
    if (paused() && closed()) {
      return "paused and closed";
    }
    return paused() ? "paused" : closed() ? "closed" : "live";
  }

  /**
   * The state after {@code action} at {@code at} by {@code by}. Pausing or closing an archived
   * campaign changes nothing (it is both already); resuming or reopening it is refused, since an
   * archive is read-only until someone unarchives it on purpose. Unarchiving leaves the campaign
   * paused and closed, so that bringing it back never sends or enrolls by itself: resume and
   * reopen are separate decisions (and resume applies {@code on_resume} to the whole time since
   * the pause began, the archived time included).
   *
   * @throws ConflictException resume or reopen of an archived campaign
   */
  public Transition apply(Action action, Instant at, String by) {
    CampaignState next = switch (action) {
      case PAUSE -> paused() ? this : with(at, closedAt, archivedAt, at, by);
      case RESUME -> {
        refuseIfArchived(action);
        yield paused() ? with(null, closedAt, archivedAt, at, by) : this;
      }
      case CLOSE -> closed() ? this : with(pausedAt, at, archivedAt, at, by);
      case REOPEN -> {
        refuseIfArchived(action);
        yield closed() ? with(pausedAt, null, archivedAt, at, by) : this;
      }
      case ARCHIVE -> archived() ? this : with(pausedAt == null ? at : pausedAt, closedAt == null ? at : closedAt,
          at, at, by);
      case UNARCHIVE -> archived() ? with(pausedAt == null ? archivedAt : pausedAt,
          closedAt == null ? archivedAt : closedAt, null, at, by) : this;
    };
    return new Transition(action, this, next);
  }

  private void refuseIfArchived(Action action) {
    if (archived()) {
      throw new ConflictException("campaign " + campaignId + " is archived (since " + archivedAt + "), so it is"
          + " read-only: `dripline campaign unarchive " + campaignId + "` first, then " + action.word());
    }
  }

  private CampaignState with(Instant paused, Instant closed, Instant archived, Instant at, String by) {
    return new CampaignState(campaignId, paused, closed, archived, at, by, revision);
  }
}
