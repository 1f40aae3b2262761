package org.dripline.campaign;

import java.util.regex.Pattern;

/**
 * What a campaign's lifecycle state ({@link CampaignState}, table {@code campaign_lifecycle}) means
 * in SQL: the one statement of "this campaign sends" and "this campaign enrolls", which the claim
 * and the due selection (delivery.DueDeliveries) and the newcomers (enrollment.Newcomers) embed, so
 * runs, dry runs and reports cannot disagree. A campaign without a row is live. Primary-key
 * lookups, so they cost one probe per statement (or per row of a claim).
 */
public final class LiveCampaign {

  // A column reference or a named parameter: code constants only, never input.
  private static final Pattern CAMPAIGN_ID = Pattern.compile("(?:[a-z_][a-z0-9_]*\\.)?[a-z_][a-z0-9_]*|:[a-zA-Z][a-zA-Z0-9]*");

  /** The campaign {@code :campaignId} may send: neither paused nor archived. */
  public static final String SENDS = sends(":campaignId");

  /** The campaign {@code :campaignId} may enroll newcomers: neither closed nor archived. */
  public static final String ENROLLS = enrolls(":campaignId");

  private LiveCampaign() {
  }

  /** {@link #SENDS} for the campaign id {@code campaignId} (a column such as {@code d.campaign_id}, or a parameter). */
  public static String sends(String campaignId) {
    return held(campaignId, "cl.paused_at is not null or cl.archived_at is not null");
  }

  /** {@link #ENROLLS} for the campaign id {@code campaignId} (a column or a parameter). */
  public static String enrolls(String campaignId) {
    return held(campaignId, "cl.closed_at is not null or cl.archived_at is not null");
  }

  private static String held(String campaignId, String condition) {
    if (!CAMPAIGN_ID.matcher(campaignId).matches()) {
      throw new IllegalArgumentException("not a column or a parameter: " + campaignId);
    }
    return "not exists (select 1 from campaign_lifecycle cl where cl.campaign_id = " + campaignId + " and ("
        + condition + "))";
  }
}
