package org.dripline.tracking;

import java.time.Instant;
import java.util.List;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.enrollment.Enrollments;
import org.dripline.lists.ListMemberships;
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
  private final CampaignCatalog catalog;
  private final ListMemberships lists;

  SubscriberRequests(SubscriberUpdates subscribers, Enrollments enrollments, EventWriter events,
      CampaignCatalog catalog, ListMemberships lists) {
    this.subscribers = subscribers;
    this.enrollments = enrollments;
    this.events = events;
    this.catalog = catalog;
    this.lists = lists;
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
    List<String> issueLists = source.startsWith(ONE_CLICK) ? broadcastLists(delivery) : List.of();
    if (issueLists.isEmpty()) {
      subscribers.stopMail(delivery.subscriberId(), delivery.email(), SuppressionReason.UNSUBSCRIBED, source, now);
    } else {
      issueLists.forEach(list -> lists.leave(delivery.subscriberId(), list, source, now));
    }
    events.writeNow(new EventWriter.Event(delivery.id(), "UNSUBSCRIBE", null, PERSON, now));
  }

  /** The lists of the newsletter issue this delivery belongs to; empty for a drip (or an issue file gone). */
  private List<String> broadcastLists(TrackingStore.Delivery delivery) {
    try {
      Campaign campaign = catalog.load(delivery.campaignId());
      return campaign.isBroadcast() ? campaign.broadcast().lists() : List.of();
    } catch (RuntimeException gone) {
      // The file was removed or broken since: unsubscribing from everything is the safe reading.
      return List.of();
    }
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
