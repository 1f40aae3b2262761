package org.dripline.tracking;

import java.util.List;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.CampaignVersions;
import org.dripline.render.MessageLinks;
import org.dripline.render.TemplateEngine;
import org.dripline.subscriber.SubscriberDirectory;
import org.dripline.subscriber.SubscriberProfile;
import org.springframework.stereotype.Component;

/**
 * "View in browser": renders the delivery's step for its subscriber with the same templates
 * and the same signed links as the email. Clicks stay tracked (unless the reader opted out);
 * there is no pixel, since a page view is not an open of the email.
 */
@Component
class WebView {

  private final CampaignCatalog catalog;
  private final CampaignVersions versions;
  private final TemplateEngine templates;
  private final SubscriberDirectory subscribers;
  private final MessageTracking tracking;

  WebView(CampaignCatalog catalog, CampaignVersions versions, TemplateEngine templates, SubscriberDirectory subscribers,
      MessageTracking tracking) {
    this.catalog = catalog;
    this.versions = versions;
    this.templates = templates;
    this.subscribers = subscribers;
    this.tracking = tracking;
  }

  String html(TrackingStore.Delivery delivery) {
    SubscriberProfile profile = subscribers.profiles(List.of(delivery.subscriberId())).get(delivery.subscriberId());
    MessageLinks links = tracking.links(delivery.id());
    String html = templates.render(templates.compile(definingStep(delivery)), delivery.stepId(), profile, links).html();
    return delivery.trackingOptOut() ? html
        : tracking.rewriteClicks(delivery.id(), delivery.campaignId(), delivery.stepId(), links, html);
  }

  /**
   * The campaign file, or, for a step it no longer has (removed since this email went out), the
   * newest recorded version that had it: the reader's copy keeps working after the edit.
   */
  private Campaign definingStep(TrackingStore.Delivery delivery) {
    Campaign current = catalog.load(delivery.campaignId());
    if (current.step(delivery.stepId()).isPresent()) {
      return current;
    }
    java.util.List<CampaignVersions.VersionRecord> newestFirst = new java.util.ArrayList<>(
        versions.history(delivery.campaignId()));
    java.util.Collections.reverse(newestFirst);
    return newestFirst.stream()
        .map(v -> versions.version(delivery.campaignId(), v.versionHash()))
        .flatMap(java.util.Optional::stream)
        .filter(version -> version.step(delivery.stepId()).isPresent())
        .findFirst().orElse(current);
  }
}
