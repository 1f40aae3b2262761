package org.dripline.tracking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dripline.infra.UtcTime;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The server's own link table: every tracked URL of a step gets an id once, and a click
 * redirects only to the URL stored under its id (no open redirect).
 */
@Repository
class LinkTable {

  // Ids are per (campaign, step, url): the same link in 10,000 messages is one row.
  private static final String FIND = """
      select id from links where campaign_id = :campaignId and step_id = :stepId and url_hash = :hash
      """;
  // Two sending threads may meet the same new URL; the unique key makes the second insert fail and re-read.
  private static final String INSERT = """
      insert into links (campaign_id, step_id, url, url_hash, created_at)
      values (:campaignId, :stepId, :url, :hash, :now)
      """;
  // The click redirect: the target comes from here and nowhere else. A link row never changes
  // once written, so it is read once and kept.
  private static final String TARGET = "select campaign_id, step_id, url from links where id = :id";
  // Links are a few per step: this bounds the cache, not the link table.
  private static final int MAX_CACHED = 10_000;

  static final int MAX_URL = 2000;

  private final NamedParameterJdbcTemplate jdbc;
  private final Clock clock;
  private final Map<String, Long> ids = new ConcurrentHashMap<>();
  private final Map<Long, Link> targets = new ConcurrentHashMap<>();

  private record Link(String campaignId, String stepId, String url) {
  }

  LinkTable(NamedParameterJdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The link's id, created on first use; cached, since a run sends the same links many times. */
  long idOf(String campaignId, String stepId, String url) {
    String hash = sha256(url);
    return ids.computeIfAbsent(campaignId + "\n" + stepId + "\n" + hash, k -> findOrInsert(campaignId, stepId, url, hash));
  }

  private long findOrInsert(String campaignId, String stepId, String url, String hash) {
    MapSqlParameterSource params = new MapSqlParameterSource("campaignId", campaignId).addValue("stepId", stepId)
        .addValue("hash", hash).addValue("url", url).addValue("now", UtcTime.toDb(clock.instant()));
    List<Long> found = jdbc.queryForList(FIND, params, Long.class);
    if (!found.isEmpty()) {
      return found.get(0);
    }
    try {
      jdbc.update(INSERT, params);
    } catch (DuplicateKeyException raced) {
      // another thread inserted it between our select and insert: its row is as good as ours
    }
    return jdbc.queryForObject(FIND, params, Long.class);
  }

  /** The stored URL of a link, if it belongs to the given step (the one of the clicked delivery). */
  Optional<String> target(long linkId, String campaignId, String stepId) {
    Link link = targets.get(linkId);
    if (link == null) {
      link = jdbc.query(TARGET, Map.of("id", linkId), (rs, n) -> new Link(rs.getString("campaign_id"),
          rs.getString("step_id"), rs.getString("url"))).stream().findFirst().orElse(null);
      if (link == null) {
        return Optional.empty();
      }
      if (targets.size() < MAX_CACHED) {
        targets.put(linkId, link);
      }
    }
    return link.campaignId().equals(campaignId) && link.stepId().equals(stepId) ? Optional.of(link.url())
        : Optional.empty();
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
