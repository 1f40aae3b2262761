package org.dripline.lists;

import java.time.Instant;
import java.util.List;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.springframework.stereotype.Component;

/**
 * What "unsubscribe" from one message means, for every way it arrives (the one-click link and the
 * mailto request alike): from a newsletter issue, leave that issue's list(s), since the reader asked
 * to stop that newsletter and their series and other lists go on; from anything else, the caller
 * stops all mail.
 */
@Component
public class IssueUnsubscribes {

  private final CampaignCatalog catalog;
  private final ListMemberships memberships;

  public IssueUnsubscribes(CampaignCatalog catalog, ListMemberships memberships) {
    this.catalog = catalog;
    this.memberships = memberships;
  }

  /**
   * Leaves the lists of the newsletter issue {@code campaignId}, if it is one.
   *
   * @return false when {@code campaignId} is no issue (a series, or an issue file removed or broken
   *         since): the caller then unsubscribes from everything, the safe reading
   */
  public boolean leaveIssueLists(String campaignId, long subscriberId, String source, Instant now) {
    List<String> lists = issueLists(campaignId);
    lists.forEach(list -> memberships.leave(subscriberId, list, source, now));
    return !lists.isEmpty();
  }

  private List<String> issueLists(String campaignId) {
    try {
      Campaign campaign = catalog.load(campaignId);
      return campaign.isBroadcast() ? campaign.broadcast().lists() : List.of();
    } catch (RuntimeException gone) {
      return List.of();
    }
  }
}
