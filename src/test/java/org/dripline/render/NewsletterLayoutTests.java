package org.dripline.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.subscriber.SubscriberProfile;
import org.junit.jupiter.api.Test;

/** The house layout tells a newsletter issue from an email of a series. */
class NewsletterLayoutTests {

  static final TemplateEngine ENGINE = new TemplateEngine(Path.of("templates"));
  static final MessageLinks LINKS = new MessageLinks("https://dripline.example/u/abc", "https://dripline.example/p/abc",
      "https://dripline.example/v/abc");
  static final SubscriberProfile READER = new SubscriberProfile(1, "zoe@example.org", "Zoë", null, "ACTIVE", Map.of(),
      List.of());

  @Test
  void anIssueIsHeadedNewsletterAndNeverNumberedAsASeries() {
    // given the shipped newsletter issue
    Campaign issue = new CampaignCatalog(Path.of("campaigns"), Path.of("newsletters")).load("stories-weekly-2030-01");

    // when it is rendered for a reader
    RenderedMessage message = ENGINE.render(ENGINE.compile(issue), issue.steps().get(0).id(), READER, LINKS);

    // then both parts say newsletter, not "Email 1 of 1" of a series she never signed up for
    assertThat(message.html()).contains(">Newsletter<", "you subscribed to this newsletter")
        .doesNotContain("Email 1 of", "signed up for");
    assertThat(message.text()).contains("Newsletter", "you subscribed to this newsletter")
        .doesNotContain("Email 1 of", "signed up for this series");
  }

  @Test
  void aSeriesEmailKeepsItsNumber() {
    // given the shipped series
    Campaign series = new CampaignCatalog(Path.of("campaigns")).load("working-mom-guilt");

    // when its first email is rendered
    RenderedMessage message = ENGINE.render(ENGINE.compile(series), "welcome", READER, LINKS);

    // then it is numbered within the series
    assertThat(message.html()).contains("Email 1 of " + series.seriesLength()).doesNotContain(">Newsletter<");
    assertThat(message.text()).contains("Email 1 of " + series.seriesLength(), "signed up for this series");
  }
}
