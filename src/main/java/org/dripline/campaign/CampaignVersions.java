package org.dripline.campaign;

import java.time.Clock;
import java.util.Map;
import org.dripline.support.UtcTime;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Keeps every definition a run used, so an enrollment's version hash can always be read back. */
@Repository
public class CampaignVersions {

  // Insert only when this exact version is new; running the same file again writes nothing.
  private static final String RECORD = """
      insert into campaign_versions (campaign_id, version_hash, definition, loaded_at)
      select :campaignId, :versionHash, :definition, :loadedAt from (select 1 as one) single_row
      where not exists (select 1 from campaign_versions
                        where campaign_id = :campaignId and version_hash = :versionHash)
      """;

  private final NamedParameterJdbcTemplate jdbc;
  private final Clock clock;

  public CampaignVersions(NamedParameterJdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public void record(Campaign campaign) {
    try {
      insert(campaign);
    } catch (org.springframework.dao.DuplicateKeyException e) {
      // Another instance recorded this very version at the same moment: it is recorded.
    }
  }

  private void insert(Campaign campaign) {
    jdbc.update(RECORD, Map.of("campaignId", campaign.id(), "versionHash", campaign.versionHash(),
        "definition", campaign.definition(),
        "loadedAt", UtcTime.toDb(clock.instant())));
  }
}
