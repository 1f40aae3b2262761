package org.dripline.campaign;

import java.time.Clock;
import java.util.Map;
import org.dripline.infra.ConcurrentWrites;
import org.dripline.infra.UtcTime;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;

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
  private final ConcurrentWrites writes;

  public CampaignVersions(NamedParameterJdbcTemplate jdbc, Clock clock, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.writes = new ConcurrentWrites(transactions);
  }

  /**
   * Two instances starting the same run at once both try the insert: MySQL's gap locks can make
   * that a deadlock (seen in TwoInstancesIntegrationTests), or one gets a duplicate key. Either
   * way the write is idempotent, so it is retried, and the retry finds the version recorded.
   */
  public void record(Campaign campaign) {
    writes.run(() -> insert(campaign));
  }

  private int insert(Campaign campaign) {
    return jdbc.update(RECORD, Map.of("campaignId", campaign.id(), "versionHash", campaign.versionHash(),
        "definition", campaign.definition(),
        "loadedAt", UtcTime.toDb(clock.instant())));
  }
}
