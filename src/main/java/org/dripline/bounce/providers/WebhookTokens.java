package org.dripline.bounce.providers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.dripline.infra.UtcTime;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Replay protection for signed webhook tokens ({@code webhook_tokens}, owned by the bounce
 * module): a token is accepted once. Shared by every Dripline process on the database, so a
 * replay to another instance is refused too.
 */
@Repository
class WebhookTokens {

  // The primary key (provider, token) makes the first use win, also between processes.
  private static final String USE = """
      insert into webhook_tokens (provider, token, seen_at) values (:provider, :token, :now)
      """;
  // A token older than the accepted age is refused for its timestamp already; keeping it is pointless.
  private static final String FORGET_OLD = "delete from webhook_tokens where provider = :provider and seen_at < :before";
  // A request whose events could not be recorded gives its token back, so the provider's retry is accepted.
  private static final String FORGET = "delete from webhook_tokens where provider = :provider and token = :token";

  private final NamedParameterJdbcTemplate jdbc;

  WebhookTokens(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** True the first time the provider's token is seen, false for a replay. */
  boolean firstUse(String provider, String token, Instant now, Duration keep) {
    jdbc.update(FORGET_OLD, Map.of("provider", provider, "before", UtcTime.toDb(now.minus(keep))));
    try {
      return jdbc.update(USE, Map.of("provider", provider, "token", hash(token), "now", UtcTime.toDb(now))) == 1;
    } catch (DuplicateKeyException replayed) {
      return false;
    }
  }

  void forget(String provider, String token) {
    jdbc.update(FORGET, Map.of("provider", provider, "token", hash(token)));
  }

  private static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
