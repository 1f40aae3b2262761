package org.dripline.campaign;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dripline.infra.UtcTime;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The only writer of {@code campaign_lifecycle}: each campaign's {@link CampaignState}. A change
 * is read with a row lock ({@link #findForUpdate}), decided by {@link CampaignState#apply}, and
 * written back only if nobody changed the row meanwhile ({@link #write}), all in the caller's
 * transaction, so what a resume does to the enrollments and the ledger commits with it or not at all.
 * What the state means to sending and enrolling is {@link LiveCampaign}'s SQL.
 */
@Repository
public class CampaignStates {

  private static final String COLUMNS = """
      select campaign_id, paused_at, closed_at, archived_at, changed_at, changed_by, revision from campaign_lifecycle
      """;
  private static final String ONE = COLUMNS + " where campaign_id = :campaignId";
  // The lock serialises two operators changing one campaign: the second reads the first's result.
  private static final String ONE_FOR_UPDATE = ONE + " for update";
  private static final String ALL = COLUMNS + " order by campaign_id";
  // The first change of a campaign creates its row; a concurrent first change fails the primary key
  // and is retried by the caller, which then reads this one.
  private static final String INSERT = """
      insert into campaign_lifecycle (campaign_id, paused_at, closed_at, archived_at, changed_at, changed_by, revision)
      values (:campaignId, :pausedAt, :closedAt, :archivedAt, :changedAt, :changedBy, 1)
      """;
  // Conditional on the revision read: a change decided on a stale state writes nothing.
  private static final String UPDATE = """
      update campaign_lifecycle set paused_at = :pausedAt, closed_at = :closedAt, archived_at = :archivedAt,
             changed_at = :changedAt, changed_by = :changedBy, revision = revision + 1
      where campaign_id = :campaignId and revision = :revision
      """;

  private final NamedParameterJdbcTemplate jdbc;

  public CampaignStates(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The campaign's state; {@link CampaignState#live} when nobody ever changed it. */
  public CampaignState find(String campaignId) {
    return jdbc.query(ONE, Map.of("campaignId", campaignId), CampaignStates::row).stream().findFirst()
        .orElseGet(() -> CampaignState.live(campaignId));
  }

  /** As {@link #find}, locking the row until the caller's transaction ends. */
  public CampaignState findForUpdate(String campaignId) {
    return jdbc.query(ONE_FOR_UPDATE, Map.of("campaignId", campaignId), CampaignStates::row).stream().findFirst()
        .orElseGet(() -> CampaignState.live(campaignId));
  }

  /** Every campaign that has a stored state, by id (the others are live). */
  public Map<String, CampaignState> all() {
    Map<String, CampaignState> states = new LinkedHashMap<>();
    List<CampaignState> rows = jdbc.query(ALL, Map.of(), CampaignStates::row);
    rows.forEach(state -> states.put(state.campaignId(), state));
    return states;
  }

  /**
   * Stores {@code transition.after()} if it changed anything, in the caller's transaction; returns
   * the state as stored.
   *
   * @throws OptimisticLockingFailureException the row changed since {@code transition.before()} was
   *                                           read (a DuplicateKeyException when it was created meanwhile):
   *                                           decide again on a fresh read
   */
  public CampaignState write(CampaignState.Transition transition) {
    if (!transition.changed()) {
      return transition.before();
    }
    CampaignState before = transition.before();
    CampaignState after = transition.after();
    MapSqlParameterSource params = new MapSqlParameterSource("campaignId", after.campaignId())
        .addValue("pausedAt", UtcTime.toDb(after.pausedAt()))
        .addValue("closedAt", UtcTime.toDb(after.closedAt()))
        .addValue("archivedAt", UtcTime.toDb(after.archivedAt()))
        .addValue("changedAt", UtcTime.toDb(after.changedAt()))
        .addValue("changedBy", truncate(after.changedBy()))
        .addValue("revision", before.revision());
    if (before.revision() < 0) {
      jdbc.update(INSERT, params);
    } else if (jdbc.update(UPDATE, params) != 1) {
      throw new OptimisticLockingFailureException("campaign " + after.campaignId() + " changed meanwhile");
    }
    return find(after.campaignId());
  }

  private static CampaignState row(ResultSet rs, int row) throws SQLException {
    return new CampaignState(rs.getString("campaign_id"), instant(rs, "paused_at"), instant(rs, "closed_at"),
        instant(rs, "archived_at"), instant(rs, "changed_at"), rs.getString("changed_by"), rs.getLong("revision"));
  }

  private static java.time.Instant instant(ResultSet rs, String column) throws SQLException {
    return UtcTime.fromDb(rs.getObject(column, LocalDateTime.class));
  }

  private static String truncate(String by) {
    return by == null ? "unknown" : by.length() <= 200 ? by : by.substring(0, 200);
  }
}
