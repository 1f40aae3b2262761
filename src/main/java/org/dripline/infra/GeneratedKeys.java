package org.dripline.infra;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keys Dripline generates itself when none are configured (the tracking link key, the DKIM key),
 * stored once in the database ({@code generated_keys}) so that every process on that database
 * uses the same ones: a link mailed by {@code run} verifies in a later {@code serve}, and the DKIM
 * DNS record does not change at each start. The first process to insert a key wins; any other
 * that generated one at the same moment drops its own and reads the winner's back.
 *
 * <p>The secrets are as safe as the database: whoever can read it can sign links. That is the
 * embedded default's trade; production configures its keys (see README "Keys").
 */
@Component
public class GeneratedKeys {

  /** A stored key; {@code createdNow}: this call generated it (the first start on this database). */
  public record Stored(String secret, boolean createdNow) {

    @Override
    public String toString() {
      // never the secret: a record may end up in a log line
      return "Stored[createdNow=" + createdNow + "]";
    }
  }

  private final NamedParameterJdbcTemplate jdbc;
  private final Clock clock;

  public GeneratedKeys(NamedParameterJdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The stored key of that name, if one was ever generated. */
  public Optional<String> find(String name) {
    // One primary-key read at start, per generated key a process uses.
    List<String> secrets = jdbc.queryForList("select secret from generated_keys where name = :name",
        Map.of("name", name), String.class);
    return secrets.stream().findFirst();
  }

  /**
   * The stored key of that name, generating and storing it first when there is none. Two processes
   * starting at once on a new database both generate; the primary key lets one insert, and both
   * return what was stored, so they end with the same key.
   */
  public Stored getOrCreate(String name, Supplier<String> generator) {
    Optional<String> existing = find(name);
    if (existing.isPresent()) {
      return new Stored(existing.get(), false);
    }
    String secret = generator.get();
    boolean inserted;
    try {
      // Insert-if-absent by the primary key: the loser of a race gets a duplicate key and reads back.
      jdbc.update("insert into generated_keys (name, secret, created_at) values (:name, :secret, :createdAt)",
          Map.of("name", name, "secret", secret, "createdAt", UtcTime.toDb(clock.instant())));
      inserted = true;
    } catch (DataIntegrityViolationException taken) {
      inserted = false;
    }
    String stored = find(name).orElseThrow(() -> new IllegalStateException(
        "generated key '" + name + "' was neither inserted nor found"));
    return new Stored(stored, inserted && stored.equals(secret));
  }
}
