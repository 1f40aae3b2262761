package org.dripline.enrollment;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.LiveCampaign;
import org.dripline.infra.Selection;
import org.dripline.segment.AudienceSql;
import org.dripline.subscriber.Sendable;

/**
 * Who enrollment adds to a campaign: sendable subscribers in its audience who are not enrolled
 * yet, while the campaign is open (neither closed nor archived: {@link LiveCampaign#ENROLLS}). The
 * one statement of that rule: the enrollment step inserts this selection one id range at a time,
 * and the dry run counts it whole.
 */
public final class Newcomers {

  // Over subscribers s. The anti-join on enrollments makes a re-run a no-op. Anti-joins (LEFT JOIN
  // ... IS NULL) rather than NOT EXISTS: MariaDB may turn NOT EXISTS into a materialized NOT IN
  // over every enrollment of the campaign, once per range. A closed campaign's lifecycle row makes
  // the selection empty (one primary-key probe). The last %s is the audience rule.
  private static final String FROM = """
      from subscribers s
           %s
           left join enrollments e on e.campaign_id = :campaignId and e.subscriber_id = s.id
      where s.id between :fromId and :toId and %s
        and e.subscriber_id is null
        and %s
        and (%%s)
      """.formatted(Sendable.JOIN, Sendable.WHERE, LiveCampaign.ENROLLS);

  private Newcomers() {
  }

  /** The campaign's audience rule at {@code asOf}, compiled once for all the ranges of a run. */
  public static AudienceSql.Condition audience(Campaign campaign, Instant asOf) {
    return AudienceSql.compile(campaign.audience(), "audience", asOf);
  }

  /** The newcomers among subscriber ids {@code fromId} to {@code toId}. */
  public static Selection among(String campaignId, AudienceSql.Condition audience, long fromId, long toId) {
    Map<String, Object> parameters = new HashMap<>(audience.parameters());
    parameters.put("campaignId", campaignId);
    parameters.put("fromId", fromId);
    parameters.put("toId", toId);
    return new Selection(FROM.formatted(audience.sql()), parameters);
  }

  /** Every newcomer a run at {@code asOf} would enroll. */
  public static Selection all(Campaign campaign, Instant asOf) {
    return among(campaign.id(), audience(campaign, asOf), Long.MIN_VALUE, Long.MAX_VALUE);
  }
}
