package org.dripline.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentDeliveriesTests {

  private static TrackingStore.Sent sent(long id) {
    return new TrackingStore.Sent(id, "working-mom-guilt", "welcome", Instant.parse("2026-12-01T08:00:00Z"));
  }

  @Test
  void holdsAboutItsCapacityHoweverManyDeliveriesPassThrough() {
    // given a cache of 100
    RecentDeliveries recent = new RecentDeliveries(100);

    // when 100,000 different deliveries are put
    for (long id = 1; id <= 100_000; id++) {
      recent.put(sent(id));
    }

    // then it holds at most 100 of them, the latest among them
    assertThat(recent.size()).isLessThanOrEqualTo(100);
    assertThat(recent.get(100_000)).isEqualTo(sent(100_000));
    assertThat(recent.get(1)).isNull();
  }

  @Test
  void aDeliveryInUseOutlivesTheOnesNotAskedForAgain() {
    // given a cache of 10 holding delivery 1
    RecentDeliveries recent = new RecentDeliveries(10);
    recent.put(sent(1));

    // when 100 others pass through while delivery 1 keeps being asked for
    for (long id = 2; id <= 101; id++) {
      recent.put(sent(id));
      assertThat(recent.get(1)).as("after %d", id).isEqualTo(sent(1));
    }

    // then it is still there, and an early one that was never asked for again is not
    assertThat(recent.get(1)).isEqualTo(sent(1));
    assertThat(recent.get(2)).isNull();
  }

  @Test
  void aCapacityOfZeroKeepsNothing() {
    // given a cache switched off
    RecentDeliveries recent = new RecentDeliveries(0);

    // when a delivery is put
    recent.put(sent(1));

    // then it is not kept
    assertThat(recent.get(1)).isNull();
    assertThat(recent.size()).isZero();
  }
}
