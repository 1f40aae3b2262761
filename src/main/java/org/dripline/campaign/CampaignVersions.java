package org.dripline.campaign;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dripline.infra.UtcTime;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Every definition a run used, in the order the versions came into force. An enrollment's
 * version hash can always be read back as the {@link Campaign} it follows ({@link #version}).
 */
@Repository
public class CampaignVersions {

  // Insert only when this exact version is new; running the same file again writes nothing.
  private static final String RECORD = """
      insert into campaign_versions (campaign_id, version_hash, definition, loaded_at)
      select :campaignId, :versionHash, :definition, :loadedAt from (select 1 as one) single_row
      where not exists (select 1 from campaign_versions
                        where campaign_id = :campaignId and version_hash = :versionHash)
      """;
  // The next adoption number of this campaign, so the newest adopted version is the one in force.
  private static final String NEXT_ADOPTION = """
      select coalesce(max(adoption), 0) + 1 from campaign_versions where campaign_id = :campaignId
      """;
  private static final String ADOPT = """
      update campaign_versions set adoption = :adoption, adopted_at = :adoptedAt, summary = :summary,
             accepted_change = :acceptedChange,
             accepted_by = :acceptedBy, accepted_at = :acceptedAt
      where campaign_id = :campaignId and version_hash = :versionHash
      """;
  private static final String COLUMNS = """
      select campaign_id, version_hash, loaded_at, adoption, adopted_at, summary, accepted_change, accepted_by,
             accepted_at
      from campaign_versions where campaign_id = :campaignId
      """;
  // Legacy rows (before adoption numbers) all have 0: the one loaded last was in force.
  private static final String IN_FORCE = COLUMNS + " and adoption is not null order by adoption desc, loaded_at desc";
  private static final String HISTORY = COLUMNS + " and adoption is not null order by adoption, loaded_at";
  private static final String DEFINITION = """
      select definition from campaign_versions where campaign_id = :campaignId and version_hash = :versionHash
      """;

  private final NamedParameterJdbcTemplate jdbc;
  private final Clock clock;
  private final CampaignLoader loader = new CampaignLoader();
  // A version's definition never changes (its hash is of its bytes), so parsing it once is safe.
  private final Map<String, Optional<Campaign>> parsed = new ConcurrentHashMap<>();

  public CampaignVersions(NamedParameterJdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * A version as the history shows it; {@code acceptedChange} is set when someone accepted its
   * hazards; {@code adoptedAt} is when it last came into force.
   */
  public record VersionRecord(String campaignId, String versionHash, Instant loadedAt, long adoption,
      String summary, String acceptedChange, String acceptedBy, Instant acceptedAt, Instant adoptedAt) {

    /** A version that came into force when it was loaded. */
    public VersionRecord(String campaignId, String versionHash, Instant loadedAt, long adoption, String summary,
        String acceptedChange, String acceptedBy, Instant acceptedAt) {
      this(campaignId, versionHash, loadedAt, adoption, summary, acceptedChange, acceptedBy, acceptedAt, loadedAt);
    }
  }

  /**
   * Puts {@code campaign} in force: recorded if new, then numbered after every earlier adoption.
   * Runs in the caller's transaction, together with the moves the change makes.
   *
   * @param acceptedChange the change hash someone accepted with {@code --accept-change}, or null
   */
  public void adopt(Campaign campaign, String summary, String acceptedChange, String acceptedBy) {
    insert(campaign);
    Long next = jdbc.queryForObject(NEXT_ADOPTION, Map.of("campaignId", campaign.id()), Long.class);
    jdbc.update(ADOPT, new MapSqlParameterSource("campaignId", campaign.id())
        .addValue("versionHash", campaign.versionHash()).addValue("adoption", next)
        .addValue("adoptedAt", UtcTime.toDb(clock.instant()))
        .addValue("summary", summary == null ? null : summary.substring(0, Math.min(2000, summary.length())))
        .addValue("acceptedChange", acceptedChange).addValue("acceptedBy", acceptedBy)
        .addValue("acceptedAt", acceptedChange == null ? null : UtcTime.toDb(clock.instant())));
  }

  /** The version the last run put in force; empty before the campaign's first run. */
  public Optional<VersionRecord> inForce(String campaignId) {
    return jdbc.query(IN_FORCE, Map.of("campaignId", campaignId), (rs, n) -> row(rs)).stream().findFirst();
  }

  /** Every version that came into force, oldest first. */
  public List<VersionRecord> history(String campaignId) {
    return jdbc.query(HISTORY, Map.of("campaignId", campaignId), (rs, n) -> row(rs));
  }

  /**
   * The version with this hash, parsed from its recorded definition; empty when it is unknown or
   * no longer parses (a key this build dropped), in which case callers fall back to the file.
   */
  public Optional<Campaign> version(String campaignId, String versionHash) {
    return parsed.computeIfAbsent(campaignId + "/" + versionHash, key -> {
      List<String> definitions = jdbc.queryForList(DEFINITION,
          Map.of("campaignId", campaignId, "versionHash", versionHash), String.class);
      if (definitions.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(loader.parse(campaignId + ".yaml@" + Hashes.shortHash(versionHash), campaignId,
            definitions.get(0), versionHash));
      } catch (InvalidCampaignException e) {
        return Optional.empty();
      }
    });
  }

  private int insert(Campaign campaign) {
    return jdbc.update(RECORD, Map.of("campaignId", campaign.id(), "versionHash", campaign.versionHash(),
        "definition", campaign.definition(),
        "loadedAt", UtcTime.toDb(clock.instant())));
  }

  private static VersionRecord row(java.sql.ResultSet rs) throws java.sql.SQLException {
    LocalDateTime acceptedAt = rs.getObject("accepted_at", LocalDateTime.class);
    LocalDateTime adoptedAt = rs.getObject("adopted_at", LocalDateTime.class);
    return new VersionRecord(rs.getString("campaign_id"), rs.getString("version_hash"),
        UtcTime.fromDb(rs.getObject("loaded_at", LocalDateTime.class)), rs.getLong("adoption"),
        rs.getString("summary"), rs.getString("accepted_change"), rs.getString("accepted_by"),
        acceptedAt == null ? null : UtcTime.fromDb(acceptedAt),
        UtcTime.fromDb(adoptedAt == null ? rs.getObject("loaded_at", LocalDateTime.class) : adoptedAt));
  }
}
