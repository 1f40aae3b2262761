package org.dripline.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubscriberStatusTests {

  @Test
  void aComplaintOverwritesEveryOtherStatus() {
    // given a complaint arriving after an unsubscribe or a bounce
    // then it replaces them: it is the signal a mailbox provider holds against the sender
    assertThat(SubscriberStatus.COMPLAINED.replaces()).containsExactlyInAnyOrder(SubscriberStatus.ACTIVE,
        SubscriberStatus.UNSUBSCRIBED, SubscriberStatus.BOUNCED);
  }

  @Test
  void anUnsubscribeOrABounceReplacesOnlyAnActiveSubscriber() {
    // given an unsubscribe or a bounce arriving after another reason to stop
    // then the reason recorded first is kept
    assertThat(SubscriberStatus.UNSUBSCRIBED.replaces()).containsExactly(SubscriberStatus.ACTIVE);
    assertThat(SubscriberStatus.BOUNCED.replaces()).containsExactly(SubscriberStatus.ACTIVE);
  }

  @Test
  void nothingStopsMailBackToActive() {
    // then no stop ever makes a subscriber ACTIVE again, and ACTIVE replaces nothing
    assertThat(SubscriberStatus.ACTIVE.replaces()).isEmpty();
    for (SubscriberStatus status : SubscriberStatus.values()) {
      assertThat(status.replaces()).doesNotContain(status);
    }
  }
}
