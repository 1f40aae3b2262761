package org.dripline.delivery.send;

import java.time.Instant;
import org.dripline.campaign.Schedule;
import org.dripline.subscriber.SubscriberProfile;

/**
 * The campaign's local send window at the run's {@code asOf}: a subscriber outside it is not sent
 * to now; the delivery stays PLANNED for the next run inside the window.
 */
record SendWindow(Schedule schedule, Instant asOf) {

  boolean openFor(SubscriberProfile subscriber) {
    return schedule.open(asOf, subscriber.timezone());
  }
}
