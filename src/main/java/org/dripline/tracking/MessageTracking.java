package org.dripline.tracking;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.dripline.infra.InfraSettings;
import org.dripline.render.MessageLinks;
import org.dripline.render.RenderedMessage;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * What the send step asks of tracking: the signed per-message links (unsubscribe, preferences,
 * web view), and the HTML part with click tracking, the open pixel and the honeypot. The
 * delivery feature calls this; tracking never calls back into delivery.
 */
@Service
public class MessageTracking {

  // One query per chunk of subscribers, not one per message.
  private static final String OPTED_OUT = """
      select id from subscribers where id in (:ids) and tracking_opt_out = true
      """;

  private final TokenSigner signer;
  private final LinkTable links;
  private final NamedParameterJdbcTemplate jdbc;
  private final String baseUrl;
  private final String unsubscribeMailbox;

  MessageTracking(TokenSigner signer, LinkTable links, NamedParameterJdbcTemplate jdbc, TrackingSettings settings,
      InfraSettings infra) {
    this.signer = signer;
    this.links = links;
    this.jdbc = jdbc;
    this.baseUrl = infra.baseUrl();
    this.unsubscribeMailbox = settings.unsubscribeMailbox();
  }

  public MessageLinks links(long deliveryId) {
    return new MessageLinks(url("/u/", signer.sign(Purpose.UNSUBSCRIBE, deliveryId, 0)),
        url("/p/", signer.sign(Purpose.PREFERENCES, deliveryId, 0)),
        url("/v/", signer.sign(Purpose.WEB_VIEW, deliveryId, 0)));
  }

  /**
   * The mailto half of List-Unsubscribe: the configured mailbox, or unsubscribe@ the sender's
   * domain; the subject carries the signed token so a mailbox reader can act on it.
   */
  public String unsubscribeMailto(long deliveryId, String fromAddress) {
    String mailbox = unsubscribeMailbox == null || unsubscribeMailbox.isBlank()
        ? "unsubscribe@" + fromAddress.substring(fromAddress.indexOf('@') + 1) : unsubscribeMailbox.strip();
    return "mailto:" + mailbox + "?subject=" + new UnsubscribeRequests(signer).subject(deliveryId);
  }

  /** Subscribers (of these ids) who opted out of tracking: their mail gets no pixel and no rewritten links. */
  public Set<Long> optedOut(Collection<Long> subscriberIds) {
    if (subscriberIds.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(jdbc.queryForList(OPTED_OUT, Map.of("ids", subscriberIds), Long.class));
  }

  /**
   * The message with every http(s) link tracked, in the HTML part and the text part alike (one link
   * id per URL, so a click in either counts for click conditions), plus pixel and honeypot in HTML.
   */
  public RenderedMessage track(long deliveryId, String campaignId, String stepId, MessageLinks own,
      RenderedMessage content) {
    String html = rewriteClicks(deliveryId, campaignId, stepId, own, content.html());
    html = HtmlLinks.addHoneypot(html, url("/t/c/", signer.sign(Purpose.CLICK, deliveryId, 0)));
    html = HtmlLinks.addPixel(html, url("/t/o/", signer.sign(Purpose.OPEN, deliveryId, 0)));
    String text = TextLinks.rewriteUrls(content.text(), tracked(deliveryId, campaignId, stepId, own));
    return new RenderedMessage(content.subject(), content.preheader(), html, text);
  }

  /** Click rewriting alone (the web view: the reader's clicks count, but a web page is no open). */
  String rewriteClicks(long deliveryId, String campaignId, String stepId, MessageLinks own, String html) {
    return HtmlLinks.rewriteHrefs(html, tracked(deliveryId, campaignId, stepId, own));
  }

  /** A URL's tracked replacement, or null for what stays as it is: non-web, our own pages, over-long. */
  private java.util.function.Function<String, String> tracked(long deliveryId, String campaignId, String stepId,
      MessageLinks own) {
    Set<String> untouched = Set.of(own.unsubscribe(), own.preferences(), own.webView());
    return href -> {
      if (!HtmlLinks.isWebLink(href) || untouched.contains(href) || href.startsWith(baseUrl + "/")
          || href.length() > LinkTable.MAX_URL) {
        return null;
      }
      long linkId = links.idOf(campaignId, stepId, href);
      return url("/t/c/", signer.sign(Purpose.CLICK, deliveryId, linkId));
    };
  }

  String url(String path, String token) {
    return baseUrl + path + token;
  }
}
