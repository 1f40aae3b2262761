package org.dripline.tracking;

import java.util.List;
import org.dripline.campaign.CampaignCatalog;
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
  private final TemplateEngine templates;
  private final SubscriberDirectory subscribers;
  private final MessageTracking tracking;

  WebView(CampaignCatalog catalog, TemplateEngine templates, SubscriberDirectory subscribers, MessageTracking tracking) {
    this.catalog = catalog;
    this.templates = templates;
    this.subscribers = subscribers;
    this.tracking = tracking;
  }

  String html(TrackingStore.Delivery delivery) {
    SubscriberProfile profile = subscribers.profiles(List.of(delivery.subscriberId())).get(delivery.subscriberId());
    MessageLinks links = tracking.links(delivery.id());
    String html = templates.render(templates.compile(catalog.load(delivery.campaignId())), delivery.stepId(), profile,
        links).html();
    return delivery.trackingOptOut() ? html
        : tracking.rewriteClicks(delivery.id(), delivery.campaignId(), delivery.stepId(), links, html);
  }
}
