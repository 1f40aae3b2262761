package org.dripline.change;

import org.dripline.infra.ConflictException;

/**
 * A run refused because putting the campaign file in force has hazards nobody declared in its
 * {@code changes:} block or accepted. The message is the one line a user reads: the first hazard,
 * how many more, and the command that shows them all.
 */
public class HazardousChangeException extends ConflictException {

  private final transient ChangeReport report;

  public HazardousChangeException(ChangeReport report) {
    super(line(report));
    this.report = report;
  }

  public ChangeReport report() {
    return report;
  }

  private static String line(ChangeReport report) {
    int more = report.hazards().size() - 1;
    return "run refused: the edit of campaign " + report.campaignId() + ": " + report.hazards().get(0).message()
        + (more > 0 ? " (and " + more + " more hazard" + (more > 1 ? "s" : "") + ")" : "")
        + "; see `diff --campaign " + report.campaignId() + "`, then declare it in the file's changes: block or run"
        + " again with --accept-change " + report.changeHash();
  }
}
