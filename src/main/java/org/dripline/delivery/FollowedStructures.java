package org.dripline.delivery;

import java.util.List;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignVersions;
import org.dripline.enrollment.Enrollments;
import org.springframework.stereotype.Component;

/** Reads which structures a campaign's enrollments follow now (see {@link FollowedStructure}). */
@Component
public class FollowedStructures {

  private final Enrollments enrollments;
  private final CampaignVersions versions;

  public FollowedStructures(Enrollments enrollments, CampaignVersions versions) {
    this.enrollments = enrollments;
    this.versions = versions;
  }

  public List<FollowedStructure> of(Campaign current) {
    return FollowedStructure.of(current, enrollments.versionsInUse(current.id()),
        hash -> versions.version(current.id(), hash));
  }
}
