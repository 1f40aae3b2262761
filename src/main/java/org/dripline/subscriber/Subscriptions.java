package org.dripline.subscriber;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dripline.infra.UtcTime;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Double opt-in with a consent record (GDPR Art. 7): a form or API sign-up is stored PENDING
 * with when, where from and which consent text it was shown; it becomes ACTIVE (and so can be
 * enrolled) only when the confirmation link is used, and confirmed_at records when.
 */
@Repository
public class Subscriptions {

  /** Not in {@link SubscriberStatus}: a pending address is nobody's subscriber yet. */
  public static final String PENDING = "PENDING";

  // Only a new address is stored; an existing one (any status) is left exactly as it is.
  private static final String INSERT = """
      insert into subscribers (email, first_name, status, timezone, created_at, updated_at, consent_source,
                               consent_text_version, tracking_opt_out)
      values (:email, :firstName, 'PENDING', :timezone, :now, :now, :source, :consentVersion, false)
      """;
  // The sign-up form's tags put the new subscriber into a campaign's audience once confirmed.
  private static final String TAG = "insert into subscriber_tags (subscriber_id, tag) values (:id, :tag)";
  // Re-sending a confirmation to a still-pending address is allowed (rate-limited by the caller).
  private static final String PENDING_ID = "select id from subscribers where email = :email and status = 'PENDING'";
  // Confirmation: only a PENDING row becomes ACTIVE, so an old link cannot revive an unsubscribe.
  private static final String CONFIRM = """
      update subscribers set status = 'ACTIVE', confirmed_at = :now, updated_at = :now
      where id = :id and status = 'PENDING'
      """;
  // What the confirmation page and mail show.
  private static final String FIND = "select email, first_name, status from subscribers where id = :id";

  private final NamedParameterJdbcTemplate jdbc;

  public Subscriptions(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public record SignUp(String email, String firstName, String timezone, String source, String consentTextVersion,
      Collection<String> tags) {
  }

  public record Subscriber(long id, String email, String firstName, String status) {
  }

  /** The id to send a confirmation to: a new or still-pending address; empty for anyone else. */
  @Transactional
  public Optional<Long> signUp(SignUp signUp, Instant now) {
    String email = Emails.normalize(signUp.email());
    List<Long> pending = jdbc.queryForList(PENDING_ID, Map.of("email", email), Long.class);
    if (!pending.isEmpty()) {
      return Optional.of(pending.get(0));
    }
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    try {
      jdbc.update(INSERT, new MapSqlParameterSource("email", email).addValue("firstName", signUp.firstName())
          .addValue("timezone", signUp.timezone()).addValue("now", UtcTime.toDb(now)).addValue("source", signUp.source())
          .addValue("consentVersion", signUp.consentTextVersion()), key, new String[] {"id"});
    } catch (DuplicateKeyException exists) {
      return Optional.empty();
    }
    long id = key.getKey().longValue();
    for (String tag : signUp.tags()) {
      jdbc.update(TAG, Map.of("id", id, "tag", tag));
    }
    return Optional.of(id);
  }

  public boolean confirm(long id, Instant now) {
    return jdbc.update(CONFIRM, new MapSqlParameterSource("id", id).addValue("now", UtcTime.toDb(now))) == 1;
  }

  public Optional<Subscriber> find(long id) {
    return jdbc.query(FIND, Map.of("id", id), (rs, n) -> new Subscriber(id, rs.getString("email"),
        rs.getString("first_name"), rs.getString("status"))).stream().findFirst();
  }
}
