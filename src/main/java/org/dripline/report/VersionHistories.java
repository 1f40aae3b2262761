package org.dripline.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.CampaignVersions;
import org.dripline.campaign.Hashes;
import org.dripline.campaign.InvalidCampaignException;
import org.dripline.infra.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * Which version of a campaign is in force, which came before, and which one a subscriber follows:
 * the words every display (CLI, API, console) uses for versions, written once here.
 */
@Service
public class VersionHistories {

  private final CampaignCatalog catalog;
  private final CampaignVersions versions;

  public VersionHistories(CampaignCatalog catalog, CampaignVersions versions) {
    this.catalog = catalog;
    this.versions = versions;
  }

  /**
   * The campaign's version history next to its file. A campaign whose file is gone but which has
   * a history is still shown (its subscribers follow those versions).
   *
   * @throws NotFoundException when there is neither a file nor a history
   */
  public VersionHistory history(String campaignId) {
    List<CampaignVersions.VersionRecord> records = campaignId == null ? List.of() : versions.history(campaignId);
    if (records.isEmpty() && !catalog.ids().contains(campaignId)) {
      throw new NotFoundException("no campaign '" + campaignId + "' (known: " + String.join(", ", catalog.ids()) + ")");
    }
    String fileVersion = null;
    String fileProblem = null;
    try {
      fileVersion = catalog.load(campaignId).versionHash();
    } catch (NotFoundException e) {
      fileProblem = "no campaign file on disk";
    } catch (InvalidCampaignException e) {
      // A broken edit must not hide the versions subscribers follow; say what is wrong with the file.
      fileProblem = "the campaign file has problems: " + e.problems().stream().sorted().findFirst()
          .map(Object::toString).orElse("invalid");
    }
    return of(campaignId, records, fileVersion, fileProblem);
  }

  /** The history of a campaign already loaded from its file. */
  public VersionHistory history(Campaign campaign) {
    return of(campaign.id(), versions.history(campaign.id()), campaign.versionHash(), null);
  }

  /** The history as people read it: numbered from 1, the last one in force. */
  static VersionHistory of(String campaignId, List<CampaignVersions.VersionRecord> records,
      String fileVersion, String fileProblem) {
    String inForce = records.isEmpty() ? null : records.get(records.size() - 1).versionHash();
    List<VersionHistory.Entry> entries = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      CampaignVersions.VersionRecord r = records.get(i);
      entries.add(new VersionHistory.Entry(i + 1, Hashes.shortHash(r.versionHash()), r.versionHash(), seconds(r.adoptedAt()),
          r.summary(), r.acceptedChange(), r.acceptedBy(), seconds(r.acceptedAt()), i == records.size() - 1));
    }
    return new VersionHistory(campaignId, fileVersion, fileProblem, inForce, List.copyOf(entries));
  }

  // People read these times: whole seconds (the database keeps microseconds).
  private static Instant seconds(Instant at) {
    return at == null ? null : at.truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * "follows version 3f2a9c1b04de (in force since 2026-12-01T08:00:00Z)" for an enrolled
   * subscriber; for someone not enrolled, the version the next run would enroll them on.
   *
   * @param followed the enrollment's version hash; null when the subscriber is not enrolled
   */
  public static String follows(VersionHistory history, String followed) {
    if (followed == null) {
      return "not enrolled: would follow the file on disk"
          + (history.fileVersion() == null ? "" : " (version " + Hashes.shortHash(history.fileVersion()) + ")");
    }
    String version = "follows version " + Hashes.shortHash(followed);
    VersionHistory.Entry entry = history.versions().stream().filter(e -> e.versionHash().equals(followed))
        .reduce((first, second) -> second).orElse(null);
    if (entry == null) {
      return version + " (not in the version history)";
    }
    return version + " (in force since " + entry.since()
        + (entry.inForce() ? ")" : "; the version in force now is " + Hashes.shortHash(history.inForce()) + ")");
  }
}
