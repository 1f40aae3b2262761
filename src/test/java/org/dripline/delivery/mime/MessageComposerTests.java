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
}
