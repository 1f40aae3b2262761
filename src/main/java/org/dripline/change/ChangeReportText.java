package org.dripline.change;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dripline.campaign.Hashes;

/** A {@link ChangeReport} as the lines {@code diff} prints and the console shows. */
public final class ChangeReportText {

  private ChangeReportText() {
  }

  public static List<String> lines(ChangeReport report) {
    List<String> lines = new ArrayList<>();
    lines.add("campaign " + report.campaignId() + ": file " + Hashes.shortHash(report.onDisk())
        + (report.inForce() == null ? ", no version in force yet" : " against version in force "
        + Hashes.shortHash(report.inForce())));
    report.notes().forEach(note -> lines.add("note: " + note));
    if (!report.edits().isEmpty()) {
      lines.add("edits:");
      report.edits().forEach(edit -> lines.add("  %-9s %-14s %s".formatted(edit.kind(),
          edit.stepId() == null ? "-" : edit.stepId(), edit.detail())));
    }
    if (report.groups().isEmpty()) {
      lines.add("nobody in flight");
    }
    for (ChangeReport.Group group : report.groups()) {
      lines.add("in flight on version " + Hashes.shortHash(group.version()) + ": " + group.people() + " people, "
          + (group.version().equals(report.onDisk()) ? "on the file's version"
          : group.moves() ? "move to the file's steps" : "stay on the steps of their version"));
      StringBuilder had = new StringBuilder("    had:");
      for (ChangeReport.StepCount step : group.steps()) {
        if (step.received() + step.skipped() + step.planned() == 0) {
          continue;
        }
        had.append(' ').append(step.stepId()).append(' ').append(step.received());
        if (step.skipped() > 0) {
          had.append(" (+").append(step.skipped()).append(" skipped)");
        }
        if (step.planned() > 0) {
          had.append(" (+").append(step.planned()).append(" planned)");
        }
        had.append(',');
      }
      lines.add(had.charAt(had.length() - 1) == ':' ? "    had: nothing yet" : had.substring(0, had.length() - 1));
      for (ChangeReport.Next next : group.next()) {
        lines.add(next.stepId() == null ? "    then nothing more: " + next.people()
            : "    next: " + next.stepId() + (next.conditional() ? " (if its condition matches them, else the step after)" : "")
                + " for " + next.people() + ", due " + span(next.earliest(), next.latest())
                + (next.earliest().isAfter(report.asOf()) ? "" : " (due by " + report.asOf() + ": at the next run)"));
      }
    }
    if (report.safe()) {
      lines.add(report.unchanged() ? "safe: nothing changes" : "safe: no hazards");
    } else {
      lines.add("hazards (" + report.hazards().size() + "):");
      report.hazards().forEach(h -> lines.add("  " + h.kind() + ": " + h.message()));
      lines.add("change " + report.changeHash() + ": declare each hazard in the file's changes: block, or put this"
          + " change in force as it is with `run --campaign " + report.campaignId() + " --accept-change "
          + report.changeHash() + "`");
    }
    return lines;
  }

  /** A duration as the campaign file writes it: P3D for whole days. */
  static String offset(java.time.Duration offset) {
    return offset.toSeconds() % 86_400 == 0 ? "P" + offset.toDays() + "D" : offset.toString();
  }

  private static String span(Instant earliest, Instant latest) {
    return earliest.equals(latest) ? earliest.toString() : earliest + " to " + latest;
  }
}
