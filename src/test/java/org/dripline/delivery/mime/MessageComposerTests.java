package org.dripline.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.render.RenderedMessage;
import org.dripline.subscriber.SubscriberProfile;
import org.junit.jupiter.api.Test;

class MessageComposerTests {

  final MessageComposer composer = new MessageComposer(null);
  final Campaign campaign = new CampaignCatalog(java.nio.file.Path.of("campaigns")).load("working-mom-guilt");
  final SubscriberProfile zoe = new SubscriberProfile(1, "zoe@example.org", "Zoë", null, "ACTIVE", Map.of(), List.of());
  final RenderedMessage content = new RenderedMessage("Hi", "", "<p>Hi</p>", "Hi");

  @Test
  void carriesOneClickListUnsubscribeHeaders() throws Exception {
    // when a message is composed with its unsubscribe URL and mailto
    ComposedMessage composed = composer.compose(7, campaign, "welcome", zoe, content,
        new MessageComposer.Unsubscribe("https://d.example/u/k.7.0.sig", "mailto:unsubscribe@dripline.example?subject=unsubscribe-k.7.0.sig"),
        Instant.parse("2026-12-01T08:00:00Z"));
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(composed.bytes()));

    // then both RFC 8058 headers are there, exactly
    assertThat(message.getHeader("List-Unsubscribe")).containsExactly(
        "<https://d.example/u/k.7.0.sig>, <mailto:unsubscribe@dripline.example?subject=unsubscribe-k.7.0.sig>");
    assertThat(message.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
  }

  @Test
  void refusesHeaderValuesWithLineBreaksOrNul() {
    for (String bad : List.of("https://d.example/u/x\r\nBcc: victim@example.org", "https://d.example/u/x\n",
        "https://d.example/u/\u0000", "https://d.example/u/\u2028x")) {
      assertThatThrownBy(() -> composer.compose(7, campaign, "welcome", zoe, content,
          new MessageComposer.Unsubscribe(bad, "mailto:u@dripline.example"), Instant.now()))
          .as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new MessageComposer.Unsubscribe("javascript:x", "mailto:u@example.org"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void carriesAListIdAndAFeedbackIdNamingCampaignStepAndSender() throws Exception {
    // when the welcome of the series is composed
    MimeMessage message = parse(composer.compose(7, campaign, "welcome", zoe, content, UNSUBSCRIBE, NOW));

    // then List-Id names the campaign under the From domain, its name (with an em dash) encoded as a client decodes it
    String listId = jakarta.mail.internet.MimeUtility.unfold(message.getHeader("List-Id")[0]);
    assertThat(listId).endsWith(" <working-mom-guilt.dripline.example>").startsWith("=?UTF-8?B?");
    assertThat(jakarta.mail.internet.MimeUtility.decodeText(listId))
        .isEqualTo("Let go of working mom guilt \u2014 a 6-week series <working-mom-guilt.dripline.example>");
    // and Feedback-ID is Gmail's a:b:SenderId, read from the right: sender, step, campaign
    assertThat(message.getHeader("Feedback-ID")).containsExactly("working-mom-guilt:welcome:dripline");
  }

  @Test
  void withoutVerpTheEnvelopeSenderIsTheFromAddress() throws Exception {
    // when composed without a bounce domain / then MAIL FROM is the From address
    assertThat(composer.compose(7, campaign, "welcome", zoe, content, UNSUBSCRIBE, NOW).sender())
        .isEqualTo("stories@dripline.example");
  }

  @Test
  void withVerpTheEnvelopeSenderIsTheDeliverysOwnBounceAddressAndTheHeadersStayTheSame() throws Exception {
    // given a composer with a bounce domain
    var bounces = org.dripline.tracking.TestSigners.bounceAddresses();
    MessageComposer verp = new MessageComposer(null,
        new org.dripline.delivery.SmtpSettings(List.of(), "bounces.dripline.example"), bounces);

    // when delivery 7 is composed
    ComposedMessage composed = verp.compose(7, campaign, "welcome", zoe, content, UNSUBSCRIBE, NOW);

    // then the envelope sender is delivery 7's signed bounce address, and From is still the campaign's
    assertThat(composed.sender()).startsWith("bounces+7-").endsWith("@bounces.dripline.example");
    assertThat(bounces.deliveryId(composed.sender())).contains(7L);
    assertThat(parse(composed).getFrom()[0].toString()).contains("<stories@dripline.example>");
    assertThat(new String(composed.bytes(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("bounces+");
  }

  static final MessageComposer.Unsubscribe UNSUBSCRIBE = new MessageComposer.Unsubscribe("https://d.example/u/k.7.0.sig",
      "mailto:unsubscribe@dripline.example?subject=unsubscribe-k.7.0.sig");
  static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

  static MimeMessage parse(ComposedMessage composed) throws Exception {
    return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(composed.bytes()));
  }
}
