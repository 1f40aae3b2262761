package org.dripline.lists;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dripline.infra.UtcTime;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who is on which list: the table {@code list_subscriptions}, one row per (list, subscriber) with
 * its own consent record. The only writer of that table. Joining a double opt-in list leaves the
 * row PENDING until {@link #confirm}; leaving keeps the row (UNSUBSCRIBED, with source and time)
 * so the consent history stays and a re-import never silently re-subscribes anyone.
 */
@Component
public class ListMemberships {

  /** How someone joined: where (a form, an import, the API, the preference page), the consent text, their ip. */
  public record Consent(String source, String consentTextVersion, String ip) {
  }

  public enum Status { PENDING, SUBSCRIBED, UNSUBSCRIBED }

  /** Subscriber ids of SUBSCRIBED members of any of {@code :listIds}, for set-based SQL elsewhere. */
  public static final String SUBSCRIBED_MEMBER_IDS = "select ls.subscriber_id from list_subscriptions ls where ls.list_id in (:listIds) and ls.status = 'SUBSCRIBED'";

  // A (re)join: a new consent replaces the row of someone who was PENDING or had left. A SUBSCRIBED
  // row is left alone so its original consent record stays (joining twice is not a new consent).
  private static final String REJOIN = """
      update list_subscriptions
         set status = :status, consent_source = :source, consent_text_version = :textVersion, consent_ip = :ip,
             joined_at = :now, confirmed_at = :confirmedAt, left_at = null, left_source = null
       where list_id = :listId and subscriber_id = :subscriberId and status in (:fromStatuses)
      """;
  // First join: insert only if no row exists, so a concurrent join of the same person does not fail.
  private static final String INSERT = """
      insert into list_subscriptions (list_id, subscriber_id, status, consent_source, consent_text_version,
                                      consent_ip, joined_at, confirmed_at)
      select :listId, :subscriberId, :status, :source, :textVersion, :ip, :now, :confirmedAt
        from (select 1 as one) single_row
       where not exists (select 1 from list_subscriptions where list_id = :listId and subscriber_id = :subscriberId)
      """;
  // Confirmation of a double opt-in: only a PENDING row moves, so an old link cannot undo a later leave.
  private static final String CONFIRM = """
      update list_subscriptions set status = 'SUBSCRIBED', confirmed_at = :now
       where list_id = :listId and subscriber_id = :subscriberId and status = 'PENDING'
      """;
  // Leaving keeps the row and its consent, recording how and when the person left.
  private static final String LEAVE = """
      update list_subscriptions set status = 'UNSUBSCRIBED', left_at = :now, left_source = :source
       where list_id = :listId and subscriber_id = :subscriberId and status <> 'UNSUBSCRIBED'
      """;
  // The preference page and the API show one person's lists.
  private static final String STATUSES = "select list_id, status from list_subscriptions where subscriber_id = :subscriberId";
  // The list's headline number (API, CLI).
  private static final String COUNT = "select count(*) from list_subscriptions where list_id = :listId and status = 'SUBSCRIBED'";
  // Counts per list and status for every list in one scan (API, CLI).
  private static final String COUNTS = "select list_id, status, count(*) as n from list_subscriptions group by list_id, status";
  // The export's lists column for one page of subscribers.
  private static final String SUBSCRIBED_OF = """
      select subscriber_id, list_id from list_subscriptions
       where subscriber_id in (:subscriberIds) and status = 'SUBSCRIBED' order by subscriber_id, list_id
      """;
  // One membership with its consent record (API, tests, support questions).
  private static final String ONE = """
      select status, consent_source, consent_text_version, consent_ip, joined_at, confirmed_at, left_at, left_source
        from list_subscriptions where list_id = :listId and subscriber_id = :subscriberId
      """;

  private final NamedParameterJdbcTemplate jdbc;

  public ListMemberships(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Puts the subscriber on the list with this consent: SUBSCRIBED when {@code confirmed}, else
   * PENDING until {@link #confirm}. A member already SUBSCRIBED stays as is (first consent kept);
   * someone who left joins again, since this is a new, explicit consent.
   */
  @Transactional
  public void join(long subscriberId, String listId, Consent consent, boolean confirmed, Instant now) {
    write(List.of(params(subscriberId, listId, consent, confirmed, now, true)));
  }

  /**
   * Imported memberships in one batch: like {@link #join} confirmed, except that nobody who left a
   * list is put back on it (an import is not that person's consent; the same rule as the global one).
   */
  @Transactional
  public void joinImported(Map<Long, ? extends Collection<String>> listIdsBySubscriber, Consent consent, Instant now) {
    List<MapSqlParameterSource> rows = new ArrayList<>();
    listIdsBySubscriber.forEach((subscriberId, listIds) -> listIds.forEach(listId ->
        rows.add(params(subscriberId, listId, consent, true, now, false))));
    write(rows);
  }

  private void write(List<MapSqlParameterSource> rows) {
    if (rows.isEmpty()) {
      return;
    }
    SqlParameterSource[] batch = rows.toArray(SqlParameterSource[]::new);
    jdbc.batchUpdate(REJOIN, batch);
    try {
      jdbc.batchUpdate(INSERT, batch);
    } catch (org.springframework.dao.DuplicateKeyException raced) {
      // Another request inserted one of these rows between our check and insert: it exists now, so
      // once more as an update (the NOT EXISTS keeps the rest from doubling).
      jdbc.batchUpdate(REJOIN, batch);
      jdbc.batchUpdate(INSERT, batch);
    }
  }

  private static MapSqlParameterSource params(long subscriberId, String listId, Consent consent, boolean confirmed,
      Instant now, boolean rejoin) {
    return new MapSqlParameterSource().addValue("listId", listId).addValue("subscriberId", subscriberId)
        .addValue("status", (confirmed ? Status.SUBSCRIBED : Status.PENDING).name())
        .addValue("source", clip(consent.source(), 40)).addValue("textVersion", clip(consent.consentTextVersion(), 40))
        .addValue("ip", clip(consent.ip(), 64)).addValue("now", UtcTime.toDb(now))
        .addValue("confirmedAt", confirmed ? UtcTime.toDb(now) : null)
        .addValue("fromStatuses", rejoin ? List.of("PENDING", "UNSUBSCRIBED") : List.of("PENDING"));
  }

  /** PENDING to SUBSCRIBED; false when there was nothing pending (already confirmed, left, or never joined). */
  public boolean confirm(long subscriberId, String listId, Instant now) {
    return jdbc.update(CONFIRM, Map.of("listId", listId, "subscriberId", subscriberId, "now", UtcTime.toDb(now))) == 1;
  }

  /** Leaves the list (a no-op when not on it), recording {@code source} ("preferences", "one-click", "api"…) and when. */
  public void leave(long subscriberId, String listId, String source, Instant now) {
    jdbc.update(LEAVE, Map.of("listId", listId, "subscriberId", subscriberId, "now", UtcTime.toDb(now),
        "source", clip(source, 40)));
  }

  /** List id to this subscriber's status, sorted by list id; lists never joined are absent. */
  public Map<String, Status> statusesOf(long subscriberId) {
    Map<String, Status> statuses = new TreeMap<>();
    jdbc.query(STATUSES, Map.of("subscriberId", subscriberId),
        rs -> {
          statuses.put(rs.getString("list_id"), Status.valueOf(rs.getString("status")));
        });
    return statuses;
  }

  public long countSubscribed(String listId) {
    Long count = jdbc.queryForObject(COUNT, Map.of("listId", listId), Long.class);
    return count == null ? 0 : count;
  }

  /** Members of one list by status. */
  public record Counts(long subscribed, long pending, long unsubscribed) {
    static final Counts NONE = new Counts(0, 0, 0);
  }

  /** Counts of every list that has rows, by list id; a list with none is absent (zeros). */
  public Map<String, Counts> counts() {
    Map<String, long[]> raw = new HashMap<>();
    jdbc.query(COUNTS, Map.of(), rs -> {
      long[] n = raw.computeIfAbsent(rs.getString("list_id"), id -> new long[3]);
      n[Status.valueOf(rs.getString("status")).ordinal()] = rs.getLong("n");
    });
    Map<String, Counts> counts = new TreeMap<>();
    raw.forEach((id, n) -> counts.put(id, new Counts(n[1], n[0], n[2])));
    return counts;
  }

  public Counts countsOf(String listId) {
    return counts().getOrDefault(listId, Counts.NONE);
  }

  /** For each of these subscribers, the ids of the lists they are SUBSCRIBED to, sorted. */
  public Map<Long, List<String>> subscribedListsOf(Collection<Long> subscriberIds) {
    Map<Long, List<String>> lists = new LinkedHashMap<>();
    if (subscriberIds.isEmpty()) {
      return lists;
    }
    jdbc.query(SUBSCRIBED_OF, Map.of("subscriberIds", subscriberIds), rs -> {
      lists.computeIfAbsent(rs.getLong("subscriber_id"), id -> new ArrayList<>()).add(rs.getString("list_id"));
    });
    return lists;
  }

  /** One membership with its consent record. */
  public record Membership(Status status, Consent consent, Instant joinedAt, Instant confirmedAt, Instant leftAt,
      String leftSource) {
  }

  public java.util.Optional<Membership> membership(long subscriberId, String listId) {
    return jdbc.query(ONE, Map.of("listId", listId, "subscriberId", subscriberId), (rs, i) -> new Membership(
        Status.valueOf(rs.getString("status")),
        new Consent(rs.getString("consent_source"), rs.getString("consent_text_version"), rs.getString("consent_ip")),
        UtcTime.fromDb(rs.getObject("joined_at", java.time.LocalDateTime.class)),
        UtcTime.fromDb(rs.getObject("confirmed_at", java.time.LocalDateTime.class)),
        UtcTime.fromDb(rs.getObject("left_at", java.time.LocalDateTime.class)),
        rs.getString("left_source"))).stream().findFirst();
  }

  private static String clip(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
