package org.dripline.delivery;

import java.util.Set;
import org.dripline.campaign.LiveCampaign;
import org.dripline.enrollment.ActiveEnrollment;
import org.dripline.subscriber.Sendable;

/**
 * Which ledger rows a run sends, in SQL: the one statement of "due" (PLANNED, due by the run's
 * {@code :asOf}, not waiting for a retry, of a campaign that is not paused or archived) and of
 * what the claim re-checks at send time. The send step's reader and partitioner, the claim, the
 * progress display and the dry run all use these. A paused campaign's rows are not due at all
 * (its runs read nothing to send); the claim re-checks the pause for rows read before it began.
 */
public final class DueDeliveries {

  private static final String DUE = "%1$scampaign_id = :campaignId and %1$sstatus = 'PLANNED' and %1$sdue_at <= :asOf"
      + " and (%1$snext_attempt_at is null or %1$snext_attempt_at <= :asOf)";
  // The aliases claimable() uses inside its subqueries; the row it correlates with needs another.
  private static final Set<String> INNER_ALIASES = Set.of("s", "x", "e", "cl", "nr", "nl", "ls", "ni");

  /**
   * Over a deliveries row {@code %1$s}: the row is a newsletter issue's (a broadcast has recipients,
   * no enrollments) and its subscriber is still SUBSCRIBED to one of the lists the issue went to.
   * Someone who left the list after the snapshot is not sent the issue, nor anyone once it is cancelled. The tables are the newsletter
   * and lists modules' (read only here; this module cannot call them, they call it).
   */
  private static final String BROADCAST_MEMBER = """
      exists (select 1 from newsletter_recipients nr
                join newsletter_issue_lists nl on nl.issue_id = nr.issue_id
                join list_subscriptions ls on ls.list_id = nl.list_id and ls.subscriber_id = nr.subscriber_id
              where nr.issue_id = %1$s.campaign_id and nr.subscriber_id = %1$s.subscriber_id
                and ls.status = 'SUBSCRIBED'
                and not exists (select 1 from newsletter_issues ni where ni.issue_id = nr.issue_id
                                                                     and ni.state = 'CANCELLED'))""";

  /** Over {@code deliveries} without an alias: due for {@code :campaignId} at {@code :asOf}. */
  public static final String WHERE = where("");

  private DueDeliveries() {
  }

  /** {@link #WHERE} over the deliveries row aliased {@code alias}. */
  public static String where(String alias) {
    // The campaign is the parameter: an unqualified campaign_id inside the subquery would be its own.
    return DUE.formatted(alias.isEmpty() ? "" : alias + ".") + " and " + LiveCampaign.SENDS;
  }

  /**
   * What the claim re-checks at send time, over a row {@code row} with the columns
   * {@code campaign_id} and {@code subscriber_id}: the subscriber is sendable, and the enrollment
   * active and not paused at {@code :asOf} (for a newsletter issue, which has no enrollments: still on
   * one of its lists), the campaign neither paused nor archived (the operator's pause may come after
   * the row was read). Correlated EXISTS rather than joins: the claim is an
   * UPDATE of a few rows by id, where a join cannot go, and each check is a primary-key lookup.
   */
  public static String claimable(String row) {
    if (INNER_ALIASES.contains(row)) {
      throw new IllegalArgumentException("the claim's subqueries use the alias '" + row + "' themselves");
    }
    return """
        exists (select 1 from subscribers s where s.id = %1$s.subscriber_id and %2$s)
        and (exists (select 1 from enrollments e
                     where e.campaign_id = %1$s.campaign_id and e.subscriber_id = %1$s.subscriber_id
                       and %3$s and %4$s)
             or %6$s)
        and %5$s""".formatted(row, Sendable.ROW, ActiveEnrollment.ACTIVE,
        ActiveEnrollment.NOT_PAUSED, LiveCampaign.sends(row + ".campaign_id"), BROADCAST_MEMBER.formatted(row));
  }
}
