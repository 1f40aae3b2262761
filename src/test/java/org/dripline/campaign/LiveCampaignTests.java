package org.dripline.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The lifecycle predicates other modules embed: which conditions hold a campaign, over what id. */
class LiveCampaignTests {

  @Test
  void sendingIsHeldByAPauseOrAnArchiveAndEnrollingByAClosureOrAnArchive() {
    // given the two predicates over the run's campaign parameter / then each names its conditions
    assertThat(LiveCampaign.SENDS).isEqualTo("not exists (select 1 from campaign_lifecycle cl"
        + " where cl.campaign_id = :campaignId and (cl.paused_at is not null or cl.archived_at is not null))");
    assertThat(LiveCampaign.ENROLLS).contains("cl.campaign_id = :campaignId")
        .contains("cl.closed_at is not null or cl.archived_at is not null").doesNotContain("paused_at");
  }

  @Test
  void correlatesWithAColumnButNeverTakesOtherText() {
    // given a column of an outer row / then the predicate correlates with it
    assertThat(LiveCampaign.sends("d.campaign_id")).contains("cl.campaign_id = d.campaign_id and");
    // given anything else / then it is refused before it reaches SQL
    assertThatThrownBy(() -> LiveCampaign.sends("'x' or 1=1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LiveCampaign.enrolls("d.campaign_id; drop table x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
