package org.dripline.tracking;

import java.time.Instant;
import org.dripline.enrollment.Enrollments;
import org.dripline.lists.IssueUnsubscribes;
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

  /** The source prefix of the one-click POST (List-Unsubscribe), as the pages controller writes it. */
  static final String ONE_CLICK = "one-click";

  private final SubscriberUpdates subscribers;
  private final Enrollments enrollments;
  private final EventWriter events;
  private final IssueUnsubscribes issues;

  SubscriberRequests(SubscriberUpdates subscribers, Enrollments enrollments, EventWriter events,
      IssueUnsubscribes issues) {
    this.subscribers = subscribers;
    this.enrollments = enrollments;
    this.events = events;
    this.issues = issues;
  }

  /**
   * Unsubscribe: the event the report counts commits with the change or not at all. From a
   * newsletter issue's one-click link (List-Unsubscribe) it leaves that issue's list(s) only: the
   * reader asked to stop that newsletter, and their drips and other lists go on. Otherwise (a drip's
   * link, the preference page's button) it is from everything: the status stops planning and the
   * suppression survives a re-import.
   */
  @Transactional
  void unsubscribe(TrackingStore.Delivery delivery, String source, Instant now) {
    boolean leftIssueLists = source.startsWith(ONE_CLICK)
        && issues.leaveIssueLists(delivery.campaignId(), delivery.subscriberId(), source, now);
    if (!leftIssueLists) {
      subscribers.stopMail(delivery.subscriberId(), delivery.email(), SuppressionReason.UNSUBSCRIBED, source, now);
    }
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
