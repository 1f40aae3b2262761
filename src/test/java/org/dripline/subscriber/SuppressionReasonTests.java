package org.dripline.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SuppressionReasonTests {

  @Test
  void eachReasonToStopASubscribersMailSetsItsOwnStatus() {
    // then the suppression reason and the status a subscriber gets for it go together
    assertThat(SuppressionReason.UNSUBSCRIBED.status()).contains(SubscriberStatus.UNSUBSCRIBED);
    assertThat(SuppressionReason.HARD_BOUNCE.status()).contains(SubscriberStatus.BOUNCED);
    assertThat(SuppressionReason.COMPLAINT.status()).contains(SubscriberStatus.COMPLAINED);
  }

  @Test
  void aManualEntrySuppressesTheAddressOnlyAndLeavesTheStatusAlone() {
    assertThat(SuppressionReason.MANUAL.status()).isEmpty();
  }

  @Test
  void parsesAReasonAsPeopleTypeIt() {
    // given reasons in any case, and none at all
    // then they name the stored reason, and none is MANUAL
    assertThat(SuppressionReason.parse("complaint")).isEqualTo(SuppressionReason.COMPLAINT);
    assertThat(SuppressionReason.parse("Hard_Bounce")).isEqualTo(SuppressionReason.HARD_BOUNCE);
    assertThat(SuppressionReason.parse(null)).isEqualTo(SuppressionReason.MANUAL);
  }

  @Test
  void refusesAnUnknownReasonNamingTheKnownOnes() {
    assertThatIllegalArgumentException().isThrownBy(() -> SuppressionReason.parse("spam"))
        .withMessage("reason must be one of COMPLAINT, HARD_BOUNCE, MANUAL, UNSUBSCRIBED");
  }
}
