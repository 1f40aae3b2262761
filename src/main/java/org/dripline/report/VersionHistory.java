package org.dripline.report;

import java.time.Instant;
import java.util.List;
import org.dripline.campaign.Hashes;

/**
 * The versions of a campaign that came into force, oldest first, next to the file on disk.
 *
 * @param fileVersion the version hash of the campaign file as it is now; null when the file is
 *                    gone or does not load ({@code fileProblem} says why)
 * @param inForce     the version hash in force (the last of {@code versions}); null before the first run
 */
public record VersionHistory(String campaignId, String fileVersion, String fileProblem, String inForce,
    List<Entry> versions) {

  /** True when the file on disk is a version no run has put in force yet (an edit since the last run). */
  public boolean fileAhead() {
    return fileVersion != null && !fileVersion.equals(inForce);
  }

  /** The file's version as people see it (12 hex digits); null without a loadable file. */
  public String fileVersionShort() {
    return fileVersion == null ? null : Hashes.shortHash(fileVersion);
  }

  /**
   * One version as people read it.
   *
   * @param version        the short hash ({@code Hashes.shortHash}), as every display shows a version
   * @param since          when this version was first loaded by a run (it came into force then)
   * @param changed        what changed from the version before, as recorded when it came into force;
   *                       null for versions recorded before changes were summarised
   * @param acceptedChange the hash of the hazardous change someone accepted, or null when none was needed
   * @param inForce        true for the version in force now
   */
  public record Entry(int number, String version, String versionHash, Instant since, String changed,
      String acceptedChange, String acceptedBy, Instant acceptedAt, boolean inForce) {

    /** "by ana at 2026-12-08T09:00:00Z (change 0123456789ab)", or "-" when nobody had to accept it. */
    public String accepted() {
      if (acceptedChange == null && acceptedBy == null) {
        return "-";
      }
      return "by " + (acceptedBy == null ? "?" : acceptedBy) + (acceptedAt == null ? "" : " at " + acceptedAt)
          + (acceptedChange == null ? "" : " (change " + Hashes.shortHash(acceptedChange) + ")");
    }

    /** {@code changed}, or what to show when nothing was recorded. */
    public String changedOrUnknown() {
      return changed == null || changed.isBlank() ? (number == 1 ? "first version" : "not recorded") : changed;
    }
  }
}
