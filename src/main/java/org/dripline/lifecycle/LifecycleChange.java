package org.dripline.lifecycle;

import java.time.Duration;
import org.dripline.campaign.CampaignState;
import org.dripline.campaign.Lifecycle;

/**
 * What one lifecycle request did: the state after it, whether it changed anything (asking for
 * what already holds is not an error, it changes nothing), and for a resume, the pause's length and
 * what {@code on_resume} did.
 *
 * @param onResume         for a resume that ended a pause: the file's {@code on_resume}; else null
 * @param pause            for a resume that ended a pause: how long it lasted; else null
 * @param movedEnrollments {@code on_resume: shift}: enrollments moved later
 * @param movedMessages    {@code on_resume: shift}: planned messages moved later
 */
public record LifecycleChange(CampaignState.Action action, boolean changed, CampaignState state,
    Lifecycle.OnResume onResume, Duration pause, int movedEnrollments, int movedMessages) {

  /** One line for people: what happened, then the state. */
  public String describe() {
    String id = state.campaignId();
    return id + ": " + (changed ? done() : "nothing to do, " + already()) + "; now " + state.status() + since(state);
  }

  /** One line for people: the campaign's state and since when, e.g. for {@code campaign status}. */
  public static String describe(CampaignState state) {
    return state.campaignId() + ": " + state.status() + since(state);
  }

  private String done() {
    return switch (action) {
      case PAUSE -> "paused: nothing is sent until resume (runs still enroll and plan)";
      case RESUME -> "resumed after a pause of " + human(pause) + (onResume == Lifecycle.OnResume.SHIFT
          ? " (on_resume: shift moved " + movedEnrollments + " enrollments and " + movedMessages
              + " planned messages later by the pause)"
          : " (on_resume: catch_up, missed steps go out one per run)");
      case CLOSE -> "closed: nobody new is enrolled, those in the series finish it";
      case REOPEN -> "reopened: runs enroll newcomers again";
      case ARCHIVE -> "archived: read-only, runs are refused, nothing is sent, the history is kept";
      case UNARCHIVE -> "unarchived: still paused and closed until resume and reopen";
    };
  }

  private String already() {
    return switch (action) {
      case PAUSE -> "already paused";
      case RESUME -> "not paused";
      case CLOSE -> "already closed";
      case REOPEN -> "not closed";
      case ARCHIVE -> "already archived";
      case UNARCHIVE -> "not archived";
    };
  }

  private static String since(CampaignState state) {
    if (state.changedAt() == null) {
      return "";
    }
    StringBuilder since = new StringBuilder(" (");
    if (state.archived()) {
      since.append("archived since ").append(state.archivedAt()).append(", ");
    } else {
      if (state.pausedAt() != null) {
        since.append("paused since ").append(state.pausedAt()).append(", ");
      }
      if (state.closedAt() != null) {
        since.append("closed since ").append(state.closedAt()).append(", ");
      }
    }
    return since.append("last change ").append(state.changedAt()).append(" by ").append(state.changedBy())
        .append(')').toString();
  }

  /** 3d 4h, 2h 5m, 40s: the pause as people say it. */
  static String human(Duration duration) {
    if (duration == null || duration.isZero() || duration.isNegative()) {
      return "0s";
    }
    long days = duration.toDays();
    long hours = duration.toHoursPart();
    long minutes = duration.toMinutesPart();
    StringBuilder text = new StringBuilder();
    if (days > 0) {
      text.append(days).append("d ");
    }
    if (hours > 0) {
      text.append(hours).append("h ");
    }
    if (minutes > 0 && days == 0) {
      text.append(minutes).append("m ");
    }
    if (text.isEmpty()) {
      text.append(duration.toSecondsPart()).append("s");
    }
    return text.toString().strip();
  }
}
