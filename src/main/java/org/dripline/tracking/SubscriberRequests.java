package org.dripline.tracking;

import java.time.Instant;
import org.dripline.enrollment.Enrollments;
import org.dripline.subscriber.SubscriberUpdates;
import org.dripline.subscriber.SuppressionReason;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a subscriber asks for on the unsubscribe and preference pages, handed to the features that
 * own the data (subscriber, enrollment). Called only with a delivery whose token verified, so a
 * request changes nothing but that delivery's subscriber and series.
 */
@Service
class SubscriberRequests {

  private static final MachineDetector.Verdict PERSON = new MachineDetector.Verdict(false, null, "none");

  private final SubscriberUpdates subscribers;
  private final Enrollments enrollments;
  private final EventWriter events;

  SubscriberRequests(SubscriberUpdates subscribers, Enrollments enrollments, EventWriter events) {
    this.subscribers = subscribers;
    this.enrollments = enrollments;
    this.events = events;
  }

  /**
   * Unsubscribe from everything: the status stops planning, the suppression survives a re-import,
   * and the event the report counts commits with both or not at all.
   */
  @Transactional
  void unsubscribe(TrackingStore.Delivery delivery, String source, Instant now) {
    subscribers.stopMail(delivery.subscriberId(), delivery.email(), SuppressionReason.UNSUBSCRIBED, source, now);
    events.writeNow(new EventWriter.Event(delivery.id(), "UNSUBSCRIBE", null, PERSON, now));
  }

  void leaveSeries(TrackingStore.Delivery delivery) {
    enrollments.leaveSeries(delivery.campaignId(), delivery.subscriberId());
  }

  void pause(TrackingStore.Delivery delivery, Instant until) {
    enrollments.pause(delivery.campaignId(), delivery.subscriberId(), until);
  }

  void rename(TrackingStore.Delivery delivery, String firstName, Instant now) {
    subscribers.rename(delivery.subscriberId(), firstName, now);
  }

  void trackingOptOut(TrackingStore.Delivery delivery, boolean optOut, Instant now) {
    subscribers.trackingOptOut(delivery.subscriberId(), optOut, now);
  }
}
