package org.dripline.archive;

import java.util.List;
import java.util.Map;
import org.dripline.campaign.Campaign;
import org.dripline.render.MessageLinks;
import org.dripline.render.RenderedMessage;
import org.dripline.render.TemplateEngine;
import org.dripline.subscriber.SubscriberProfile;
import org.dripline.subscriber.SubscriberStatus;

/**
 * An issue as nobody in particular gets it: the same templates and layout as the email, rendered for a reader
 * with no id, address, name, timezone, attributes or tags. The per-message links are not personalised (no
 * signed token exists for nobody): the web view is the archive page itself, and unsubscribe and preferences
 * point at a note on it saying that the reader's own email has those links. Nothing goes through tracking, so
 * there is no pixel and no redirected link; {@link IssueHtml} then keeps only the body's passive markup.
 */
final class AnonymousCopy {

  /** What templates see of the anonymous reader: blanks that every validated template handles. */
  static final SubscriberProfile NOBODY = new SubscriberProfile(0, "", null, null, SubscriberStatus.ACTIVE.name(),
      Map.of(), List.of());

  /** The anchor on the issue page that the copy's unsubscribe and preference links lead to. */
  static final String ABOUT_ANCHOR = "about-this-copy";

  record Copy(String subject, String preheader, String html) {
  }

  private AnonymousCopy() {
  }

  static MessageLinks links(String issueUrl) {
    String about = issueUrl + "#" + ABOUT_ANCHOR;
    return new MessageLinks(about, about, issueUrl);
  }

  static Copy render(TemplateEngine templates, Campaign issue, String stepId, String issueUrl) {
    RenderedMessage message = templates.render(templates.compile(issue), stepId, NOBODY, links(issueUrl));
    return new Copy(message.subject(), message.preheader(), IssueHtml.body(message.html()));
  }
}
