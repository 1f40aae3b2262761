package org.dripline.delivery.send;

import jakarta.mail.MessagingException;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import org.dripline.delivery.mime.ComposedMessage;
import org.dripline.delivery.mime.MessageComposer;
import org.dripline.render.CompiledCampaign;
import org.dripline.render.MessageLinks;
import org.dripline.render.RenderedMessage;
import org.dripline.render.TemplateEngine;
import org.dripline.subscriber.SubscriberProfile;
import org.dripline.tracking.MessageTracking;

/**
 * One step for one subscriber, from template to wire bytes: rendered, its links tracked (unless
 * the subscriber opted out of tracking), composed with the one-click unsubscribe headers and
 * DKIM-signed. The send step and previews build messages only through here, so a preview is the
 * message that goes out.
 */
public final class MessageBuilder {

  /** The rendered content (what a preview shows) and the message made of it. */
  public record Built(RenderedMessage content, ComposedMessage message) {
  }

  private final CompiledCampaign campaign;
  private final TemplateEngine templates;
  private final MessageTracking tracking;
  private final MessageComposer composer;

  public MessageBuilder(CompiledCampaign campaign, TemplateEngine templates, MessageTracking tracking,
      MessageComposer composer) {
    this.campaign = campaign;
    this.templates = templates;
    this.tracking = tracking;
    this.composer = composer;
  }

  /** Which of these subscribers opted out of open and click tracking. */
  public Set<Long> untracked(Collection<Long> subscriberIds) {
    return tracking.optedOut(subscriberIds);
  }

  /**
   * The message of step {@code stepId} for {@code subscriber}, its links signed with
   * {@code deliveryId}, dated {@code now}.
   *
   * @throws MessagingException or a RuntimeException when this subscriber's data cannot make a
   *         message (a template error, an address that is not one)
   */
  public Built build(long deliveryId, String stepId, SubscriberProfile subscriber, boolean untracked, Instant now)
      throws MessagingException {
    MessageLinks links = tracking.links(deliveryId);
    RenderedMessage content = templates.render(campaign, stepId, subscriber, links);
    if (!untracked) {
      content = tracking.track(deliveryId, campaign.campaign().id(), stepId, links, content);
    }
    String mailto = tracking.unsubscribeMailto(deliveryId, campaign.campaign().from().address());
    return new Built(content, composer.compose(deliveryId, campaign.campaign(), stepId, subscriber, content,
        new MessageComposer.Unsubscribe(links.unsubscribe(), mailto), now));
  }
}
