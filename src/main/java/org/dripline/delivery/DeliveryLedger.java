package org.dripline.delivery;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dripline.enrollment.EnrollmentState;
import org.dripline.infra.UtcTime;
import org.dripline.subscriber.SubscriberStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The send ledger. Every state change is a conditional UPDATE that commits on its own (the send
 * step runs without a surrounding transaction), so a crash leaves each row in a state that says
 * exactly what happened to it. Claims and SENT marks go a few rows at a time (one commit each):
 * a crash then leaves a claimed batch's unsent rows, and sent rows whose mark was pending,
 * SENDING, which is ambiguous and never re-sent automatically.
 */
@Repository
public class DeliveryLedger {

  // Claim before SMTP (invariant 2), re-checking at send time what may have changed since planning
  // (invariant 3): the subscriber is ACTIVE and not suppressed, the enrollment ACTIVE and not paused
  // (DueDeliveries.claimable).
  // A small batch per statement, so one commit covers several messages; the batch's own token in
  // claimed_by tells which of its rows this worker got.
  private static final String CLAIM = """
      update deliveries set status = 'SENDING', claimed_by = :token, claimed_at = :now, attempts = attempts + 1
      where id in (:ids) and status = 'PLANNED'
        and %s
      """.formatted(DueDeliveries.claimable("deliveries"));
  // Which rows of a partly claimed batch are ours (another worker or a departure took the rest).
  private static final String CLAIMED = """
      select id from deliveries where id in (:ids) and status = 'SENDING' and claimed_by = :token
      """;
  // Why a claim failed, so a pause holds the message and a departure skips it.
  private static final String ELIGIBILITY = """
      select d.status as delivery_status, s.status as subscriber_status, e.state as enrollment_state,
             e.paused_until, (select count(*) from suppressions x where x.email = s.email) as suppressed,
             (select count(*) from newsletter_recipients nr where nr.issue_id = d.campaign_id
                and nr.subscriber_id = d.subscriber_id) as recipient,
             (select count(*) from newsletter_issue_lists nl join list_subscriptions ls on ls.list_id = nl.list_id
               where nl.issue_id = d.campaign_id and ls.subscriber_id = d.subscriber_id
                 and ls.status = 'SUBSCRIBED') as on_list
      from deliveries d join subscribers s on s.id = d.subscriber_id
           left join enrollments e on e.campaign_id = d.campaign_id and e.subscriber_id = d.subscriber_id
      where d.id = :id
      """;
  // A PLANNED row whose subscriber left since planning: skipped for good, with the reason.
  private static final String SKIP = """
      update deliveries set status = 'SKIPPED', last_error = :reason where id = :id and status = 'PLANNED'
      """;
  // Recorded right after the 250; only a row this worker claimed can become SENT.
  private static final String MARK_SENT = """
      update deliveries set status = 'SENT', sent_at = :now, message_id = :messageId, smtp_reply = :reply,
                            last_error = null
      where id = :id and status = 'SENDING'
      """;
  // The connection failed before the message was complete: the server never saw this attempt, so
  // it does not count against max-attempts and the message is sendable again at once.
  private static final String RELEASE = """
      update deliveries set status = 'PLANNED', claimed_by = null, claimed_at = null, attempts = attempts - 1,
                            last_error = :error
      where id = :id and status = 'SENDING'
      """;
  // The run stopped before these claimed messages' turn: never attempted, so back to PLANNED as if
  // never claimed (only this batch's rows, by its token).
  private static final String RELEASE_UNATTEMPTED = """
      update deliveries set status = 'PLANNED', claimed_by = null, claimed_at = null, attempts = attempts - 1,
                            last_error = :error
      where id in (:ids) and status = 'SENDING' and claimed_by = :token
      """;
  // A 4xx: the server declined this attempt; try again after the backoff (invariant 4).
  private static final String DEFER = """
      update deliveries set status = 'PLANNED', claimed_by = null, claimed_at = null, next_attempt_at = :nextAttemptAt,
                            smtp_reply = :reply, last_error = :error
      where id = :id and status = 'SENDING'
      """;
  // Permanent: a 5xx, or a template that cannot render for this subscriber.
  private static final String FAIL = """
      update deliveries set status = 'FAILED', smtp_reply = :reply, last_error = :error
      where id = :id and status in ('PLANNED', 'SENDING')
      """;
  // Ambiguous rows keep SENDING (never re-sent automatically); the note says why for the operator.
  private static final String NOTE = "update deliveries set last_error = :error where id = :id";
  // Only on the operator's explicit decision (--resend-ambiguous): back to PLANNED, may duplicate.
  private static final String REPLAN_AMBIGUOUS = """
      update deliveries set status = 'PLANNED', claimed_by = null, claimed_at = null,
                            last_error = 're-sent by operator decision after an ambiguous attempt'
      where campaign_id = :campaignId and status = 'SENDING'
      """;
  // The policy dripline.send.resend-ambiguous-after: only rows claimed longer ago than it, so a claim
  // a live run has in flight right now is never one of them.
  private static final String REPLAN_AMBIGUOUS_BEFORE = """
      update deliveries set status = 'PLANNED', claimed_by = null, claimed_at = null,
                            last_error = 're-sent by policy (dripline.send.resend-ambiguous-after) after an ambiguous attempt'
      where campaign_id = :campaignId and status = 'SENDING' and claimed_at < :cutoff
      """;
  // The operator's list of messages that may or may not have arrived.
  private static final String AMBIGUOUS = """
      select id from deliveries where campaign_id = :campaignId and status = 'SENDING' order by id
      """;
  // What the send step would find due now, by step and by timezone (the send window is local) and
  // whether the claim would take it, for the dry run. The derived table lets the claim's own
  // predicate be grouped on without repeating it.
  private static final String DUE_NOW = """
      select step_id, timezone, claimable, count(*) as n
      from (select d.step_id, s.timezone, case when %s then 1 else 0 end as claimable
            from deliveries d join subscribers s on s.id = d.subscriber_id
            where %s) due
      group by step_id, timezone, claimable
      """.formatted(DueDeliveries.claimable("d"), DueDeliveries.where("d"));
  // How many deliveries are due now, to size a run's progress bar when sending starts.
  private static final String DUE_COUNT = "select count(*) from deliveries where " + DueDeliveries.WHERE;
  // A newsletter issue's deliveries, planned set-based from its recipients (newsletter module): one
  // row per subscriber the selection yields and step, due when their zone's send time comes (the
  // CASE over a handful of zones, each a bound value). NOT EXISTS, not a join, because the selection
  // is the caller's from...where: it runs once per plan, so MariaDB's materialisation of it is one pass.
  private static final String PLAN_SELECTED = """
      insert into deliveries (campaign_id, step_id, subscriber_id, due_at, status, attempts, planned_at)
      select :campaignId, :stepId, s.id, %s, 'PLANNED', 0, :now
      %s
        and not exists (select 1 from deliveries pd where pd.campaign_id = :campaignId and pd.step_id = :stepId
                                                     and pd.subscriber_id = s.id)
      """;
  // Cancelling a newsletter issue: what is not yet claimed is never sent (SENDING rows finish as they are).
  private static final String CANCEL_PLANNED = """
      update deliveries set status = 'SKIPPED', last_error = :reason where campaign_id = :campaignId and status = 'PLANNED'
      """;
  // Counts per status for summaries and tests.
  private static final String COUNTS = """
      select status, count(*) from deliveries where campaign_id = :campaignId group by status
      """;

  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate transactions;

  public DeliveryLedger(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /**
   * Claims the eligible ones of {@code ids} in one committed statement and returns those this call
   * got. {@code token} must be unique to the call. Pauses are judged at the run's {@code asOf}, so
   * simulated and previewed runs agree with real ones.
   */
  public Set<Long> claim(List<Long> ids, String token, Instant now, Instant asOf) {
    MapSqlParameterSource params = new MapSqlParameterSource("ids", ids).addValue("token", token)
        .addValue("now", UtcTime.toDb(now)).addValue("asOf", UtcTime.toDb(asOf));
    int claimed = jdbc.update(CLAIM, params);
    if (claimed == 0) {
      return Set.of();
    }
    return claimed == ids.size() ? new HashSet<>(ids) : new HashSet<>(jdbc.queryForList(CLAIMED, params, Long.class));
  }

  /** A message the server accepted: its id, Message-ID, the 250 reply and when it came. */
  public record Sent(long id, String messageId, String reply, Instant at) {
  }

  /** Several SENT marks in one JDBC batch and one commit. */
  public void markSent(List<Sent> sent) {
    if (sent.isEmpty()) {
      return;
    }
    SqlParameterSource[] rows = new SqlParameterSource[sent.size()];
    for (int i = 0; i < rows.length; i++) {
      Sent one = sent.get(i);
      rows[i] = new MapSqlParameterSource("id", one.id()).addValue("messageId", one.messageId())
          .addValue("reply", truncate(one.reply(), 500)).addValue("now", UtcTime.toDb(one.at()));
    }
    transactions.executeWithoutResult(status -> jdbc.batchUpdate(MARK_SENT, rows));
  }

  /** Claimed rows of batch {@code token} that were never attempted go back to PLANNED. */
  public void releaseUnattempted(Collection<Long> ids, String token, String error) {
    if (!ids.isEmpty()) {
      jdbc.update(RELEASE_UNATTEMPTED, new MapSqlParameterSource("ids", List.copyOf(ids)).addValue("token", token)
          .addValue("error", truncate(error, 1000)));
    }
  }

  /**
   * Plans step {@code stepId} of {@code campaignId} for every subscriber {@code subscribers} yields
   * (a {@code from ... where ...} over {@code subscribers s}, fixed SQL with bound values) that has
   * no row for the step yet, in one statement. Due at {@code dueByZone} for a subscriber in one of
   * those zones, else {@code defaultDue}. Returns the rows written; planning twice writes nothing.
   */
  public long planSelected(String campaignId, String stepId, org.dripline.infra.Selection subscribers,
      Map<String, Instant> dueByZone, Instant defaultDue, Instant now) {
    MapSqlParameterSource params = new MapSqlParameterSource(subscribers.parameters())
        .addValue("campaignId", campaignId).addValue("stepId", stepId).addValue("now", UtcTime.toDb(now))
        .addValue("defaultDue", UtcTime.toDb(defaultDue));
    StringBuilder due = new StringBuilder();
    if (dueByZone.isEmpty()) {
      due.append(":defaultDue");
    } else {
      due.append("case");
      int i = 0;
      for (Map.Entry<String, Instant> zone : dueByZone.entrySet()) {
        due.append(" when s.timezone = :zone").append(i).append(" then :due").append(i);
        params.addValue("zone" + i, zone.getKey()).addValue("due" + i, UtcTime.toDb(zone.getValue()));
        i++;
      }
      due.append(" else :defaultDue end");
    }
    return jdbc.update(PLAN_SELECTED.formatted(due, subscribers.from()), params);
  }

  /** A cancelled newsletter issue: its PLANNED rows become SKIPPED with {@code reason}; returns how many. */
  public int cancelPlanned(String campaignId, String reason) {
    return jdbc.update(CANCEL_PLANNED, Map.of("campaignId", campaignId, "reason", truncate(reason, 1000)));
  }

  /** Why a failed claim failed: null when another worker has it, else a reason (paused or gone). */
  public Ineligible ineligible(long id, Instant asOf) {
    return jdbc.query(ELIGIBILITY, Map.of("id", id), rs -> {
      if (!rs.next() || !DeliveryStatus.PLANNED.name().equals(rs.getString("delivery_status"))) {
        return null;
      }
      if (!SubscriberStatus.ACTIVE.name().equals(rs.getString("subscriber_status"))) {
        return new Ineligible(false, "subscriber is " + rs.getString("subscriber_status"));
      }
      if (rs.getLong("suppressed") > 0) {
        return new Ineligible(false, "address is suppressed");
      }
      String enrollment = rs.getString("enrollment_state");
      if (enrollment == null && rs.getLong("recipient") > 0) {
        // A newsletter issue's row: no enrollment; the recipient must still be on one of its lists.
        return rs.getLong("on_list") > 0 ? null : new Ineligible(false, "left the newsletter's list");
      }
      if (!EnrollmentState.ACTIVE.name().equals(enrollment)) {
        return new Ineligible(false, enrollment == null ? "not enrolled" : "enrollment is " + enrollment);
      }
      Instant pausedUntil = UtcTime.fromDb(rs.getObject("paused_until", java.time.LocalDateTime.class));
      return pausedUntil != null && pausedUntil.isAfter(asOf) ? new Ineligible(true, "paused until " + pausedUntil) : null;
    });
  }

  /** {@code held}: a pause, the delivery stays PLANNED; otherwise it is skipped for good. */
  public record Ineligible(boolean held, String reason) {
  }

  public boolean skip(long id, String reason) {
    return jdbc.update(SKIP, new MapSqlParameterSource("id", id).addValue("reason", reason)) == 1;
  }

  public void release(long id, String error) {
    jdbc.update(RELEASE, new MapSqlParameterSource("id", id).addValue("error", truncate(error, 1000)));
  }

  public void defer(long id, String reply, String error, Instant nextAttemptAt) {
    jdbc.update(DEFER, new MapSqlParameterSource("id", id).addValue("reply", truncate(reply, 500))
        .addValue("error", truncate(error, 1000)).addValue("nextAttemptAt", UtcTime.toDb(nextAttemptAt)));
  }

  public void fail(long id, String reply, String error) {
    jdbc.update(FAIL, new MapSqlParameterSource("id", id).addValue("reply", truncate(reply, 500))
        .addValue("error", truncate(error, 1000)));
  }

  public void note(long id, String error) {
    jdbc.update(NOTE, new MapSqlParameterSource("id", id).addValue("error", truncate(error, 1000)));
  }

  /** Returns how many ambiguous deliveries will be sent again. */
  public int replanAmbiguous(String campaignId) {
    return jdbc.update(REPLAN_AMBIGUOUS, Map.of("campaignId", campaignId));
  }

  /** Ambiguous deliveries claimed before {@code cutoff} go back to PLANNED; returns how many. */
  public int replanAmbiguousClaimedBefore(String campaignId, Instant cutoff) {
    return jdbc.update(REPLAN_AMBIGUOUS_BEFORE, new MapSqlParameterSource("campaignId", campaignId)
        .addValue("cutoff", UtcTime.toDb(cutoff)));
  }

  public List<Long> ambiguous(String campaignId) {
    return jdbc.queryForList(AMBIGUOUS, Map.of("campaignId", campaignId), Long.class);
  }

  /** Due deliveries of one step and timezone; {@code claimable}: the claim at send time would take them. */
  public record DueGroup(String stepId, String timezone, boolean claimable, long count) {
  }

  /** The deliveries due at {@code asOf} (see {@link DueDeliveries}), grouped for a dry run. */
  public List<DueGroup> dueNow(String campaignId, Instant asOf) {
    return jdbc.query(DUE_NOW, Map.of("campaignId", campaignId, "asOf", UtcTime.toDb(asOf)), (rs, row) ->
        new DueGroup(rs.getString("step_id"), rs.getString("timezone"), rs.getInt("claimable") == 1, rs.getLong("n")));
  }

  /** How many deliveries are due at {@code asOf}. */
  public long dueCount(String campaignId, Instant asOf) {
    Long count = jdbc.queryForObject(DUE_COUNT, Map.of("campaignId", campaignId, "asOf", UtcTime.toDb(asOf)), Long.class);
    return count == null ? 0 : count;
  }

  public Map<DeliveryStatus, Long> counts(String campaignId) {
    Map<DeliveryStatus, Long> counts = new HashMap<>();
    jdbc.query(COUNTS, Map.of("campaignId", campaignId), rs -> {
      counts.put(DeliveryStatus.valueOf(rs.getString(1)), rs.getLong(2));
    });
    return counts;
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }

  // on_resume: shift. A planned message moves as its enrollment does (Enrollments.shift): by the
  // whole pause for an enrollment from before it, up to the resume for one enrolled during it. It
  // reads the enrollment's date as it was, so it runs before Enrollments.shift, in one transaction.
  // Only PLANNED rows of enrollments still in the series: SENDING, SENT and the rest are history.
  private static final String SHIFT_PLANNED = """
      update deliveries set due_at = timestampadd(MICROSECOND,
             (select timestampdiff(MICROSECOND, case when e.enrolled_at < :pausedAt then :pausedAt else e.enrolled_at end,
                                   :resumedAt)
              from enrollments e where e.campaign_id = deliveries.campaign_id and e.subscriber_id = deliveries.subscriber_id),
             due_at)
      where campaign_id = :campaignId and status = 'PLANNED'
        and exists (select 1 from enrollments e where e.campaign_id = deliveries.campaign_id
                      and e.subscriber_id = deliveries.subscriber_id and %s and e.enrolled_at < :resumedAt)
      """.formatted(org.dripline.enrollment.ActiveEnrollment.ACTIVE);

  /**
   * Moves the campaign's planned messages later as if the pause from {@code pausedAt} to
   * {@code resumedAt} had not happened, in the caller's transaction; the number moved. Call it
   * before {@code Enrollments.shift}, which changes the dates this reads.
   */
  public int shiftPlanned(String campaignId, Instant pausedAt, Instant resumedAt) {
    if (!resumedAt.isAfter(pausedAt)) {
      return 0;
    }
    return jdbc.update(SHIFT_PLANNED, new MapSqlParameterSource("campaignId", campaignId)
        .addValue("pausedAt", UtcTime.toDb(pausedAt)).addValue("resumedAt", UtcTime.toDb(resumedAt)));
  }
}
