package org.dripline.delivery.mime;

import java.util.Locale;
import org.dripline.infra.HeaderText;

/**
 * The values of the headers that tell mailbox providers which list a message belongs to:
 * {@code List-Id} (RFC 2919) and Gmail's {@code Feedback-ID}. Campaign and step ids are
 * {@code [a-z0-9-]} (the campaign loader checks them), and every value is checked for printable
 * ASCII anyway ({@link MessageComposer#headerValue}), so no data can start a header of its own.
 */
final class ListHeaders {

  /** Gmail: the right-most field, the SenderId, is 5 to 15 characters. */
  static final int SENDER_ID_MIN = 5;
  static final int SENDER_ID_MAX = 15;

  private ListHeaders() {
  }

  /**
   * The List-Id of {@code campaign}'s messages: a drip's own ({@link #listId(String, String, String)}),
   * or for a newsletter issue its (first) list's, {@code <list-id.from-domain>}: every issue of a
   * newsletter is one list to the mailbox provider, so filters and the unsubscribe button follow the
   * list, not the single issue.
   */
  static String listId(org.dripline.campaign.Campaign campaign) {
    String from = campaign.from().address();
    return campaign.isBroadcast() ? listId(campaign.broadcast().firstList(), null, from)
        : listId(campaign.id(), campaign.name(), from);
  }

  /**
   * {@code "<campaign name>" <campaign-id.from-domain>}: the id is the campaign's, placed under the
   * sender's domain, which the sender controls (RFC 2919 section 2). The name is a quoted string
   * when it is plain ASCII, else RFC 2047 encoded words (never inside quotes, RFC 2047 section 5),
   * through {@link HeaderText}, so a client shows exactly the campaign's name.
   */
  static String listId(String campaignId, String campaignName, String fromAddress) {
    String id = MessageComposer.headerValue("<" + campaignId.toLowerCase(Locale.ROOT) + "." + domain(fromAddress) + ">");
    String name = HeaderText.clean(campaignName);
    if (name == null || name.isEmpty()) {
      return id;
    }
    String phrase = HeaderText.needsEncoding(name) ? HeaderText.encoded(name)
        : "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    return phrase + " " + id;
  }

  /**
   * {@code campaign:step:SenderId} (Gmail's {@code a:b:c:SenderId}, read from the right): the
   * feedback loop reports complaint rates per campaign and per step, for the sender named by
   * {@link #senderId}. Nothing in it names a person: Gmail drops identifiers unique to a message.
   */
  static String feedbackId(String campaignId, String stepId, String fromAddress) {
    return MessageComposer.headerValue(field(campaignId) + ":" + field(stepId) + ":" + senderId(fromAddress));
  }

  /**
   * A stable SenderId of 5 to 15 characters from the From domain: its labels but the top-level
   * one, joined by {@code -} ({@code dripline} for {@code stories@dripline.example},
   * {@code news-example} for {@code news.example.org}), cut to 15; a shorter one than 5 gets
   * {@code -mail} appended.
   */
  static String senderId(String fromAddress) {
    String domain = domain(fromAddress);
    int lastDot = domain.lastIndexOf('.');
    String name = (lastDot > 0 ? domain.substring(0, lastDot) : domain).replace('.', '-').replaceAll("[^a-z0-9-]", "");
    if (name.length() > SENDER_ID_MAX) {
      name = name.substring(0, SENDER_ID_MAX);
    }
    name = name.replaceAll("-+$", "");
    return name.length() >= SENDER_ID_MIN ? name : name + "-mail";
  }

  /** A colon would shift every field Gmail reads from the right. */
  private static String field(String id) {
    return id.replace(':', '-');
  }

  private static String domain(String address) {
    return address.substring(address.lastIndexOf('@') + 1).strip().toLowerCase(Locale.ROOT);
  }
}
