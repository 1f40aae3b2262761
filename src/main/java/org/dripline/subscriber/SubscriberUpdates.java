package org.dripline.subscriber;

import java.time.Instant;
import java.util.Map;
import org.dripline.infra.UtcTime;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other features may change about a known subscriber: stop their mail (unsubscribe, bounce,
 * complaint), their first name and their tracking choice. Every method joins the caller's
 * transaction, so a caller's own record of why (an unsubscribe event, a bounce event) commits
 * together with the change or not at all.
 */
@Repository
public class SubscriberUpdates {

  // Mail stops for the subscriber; a stronger status already recorded is kept (SubscriberStatus.replaces).
  private static final String SET_STATUS = """
      update subscribers set status = :status, updated_at = :now where id = :subscriberId and status in (:weaker)
      """;
  // The reader's own name, as it appears in greetings.
  private static final String RENAME = """
      update subscribers set first_name = :firstName, updated_at = :now where id = :subscriberId
      """;
  // Opted-out readers get no pixel and no rewritten links from the next message on.
  private static final String TRACKING = """
      update subscribers set tracking_opt_out = :optOut, updated_at = :now where id = :subscriberId
      """;

  private final NamedParameterJdbcTemplate jdbc;
  private final SuppressionList suppressions;

  public SubscriberUpdates(NamedParameterJdbcTemplate jdbc, SuppressionList suppressions) {
    this.jdbc = jdbc;
    this.suppressions = suppressions;
  }

  /**
   * Stops all mail to one subscriber: their address goes on the suppression list (the first
   * reason recorded is kept; the suppression survives a re-import) and their status becomes the
   * reason's, unless a stronger one is recorded already. Calling it again changes nothing.
   *
   * @param email the subscriber's stored address
   * @param reason not {@link SuppressionReason#MANUAL}: a manual entry names an address, not a subscriber
   */
  @Transactional
  public void stopMail(long subscriberId, String email, SuppressionReason reason, String source, Instant now) {
    SubscriberStatus status = reason.status()
        .orElseThrow(() -> new IllegalArgumentException(reason + " sets no subscriber status"));
    try {
      suppressions.add(email, reason, source, now);
    } catch (IllegalArgumentException invalidAddress) {
      // A stored address the suppression list refuses (written by some older path): the status
      // change below still stops mail, and one odd row must not block a mailbox or a page.
    } catch (DuplicateKeyException alreadySuppressed) {
      // A concurrent request suppressed the address first: the outcome is the same. Only this
      // statement is undone, so the caller's transaction goes on.
    }
    jdbc.update(SET_STATUS, new MapSqlParameterSource("status", status.name()).addValue("now", UtcTime.toDb(now))
        .addValue("subscriberId", subscriberId)
        .addValue("weaker", status.replaces().stream().map(Enum::name).toList()));
  }

  /** @param firstName null clears it */
  public void rename(long subscriberId, String firstName, Instant now) {
    jdbc.update(RENAME, new MapSqlParameterSource("subscriberId", subscriberId).addValue("firstName", firstName)
        .addValue("now", UtcTime.toDb(now)));
  }

  public void trackingOptOut(long subscriberId, boolean optOut, Instant now) {
    jdbc.update(TRACKING, Map.of("subscriberId", subscriberId, "optOut", optOut, "now", UtcTime.toDb(now)));
  }
}
