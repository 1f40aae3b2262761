package org.dripline.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignLoader;
import org.dripline.campaign.Step;
import org.dripline.subscriber.SubscriberProfile;
import org.junit.jupiter.api.Test;

/** The shipped series, rendered as a subscriber gets it: written for email, and within email limits. */
class SeriesContentTests {

  static final Campaign SERIES = new CampaignLoader().load(Path.of("campaigns/working-mom-guilt.yaml"));
  static final TemplateEngine ENGINE = new TemplateEngine(Path.of("templates"));
  static final MessageLinks LINKS = new MessageLinks("https://dripline.example/u/abc", "https://dripline.example/p/abc",
      "https://dripline.example/v/abc");
  static final SubscriberProfile ZOE = new SubscriberProfile(1, "zoe@example.org", "Zoë", "Europe/Paris", "ACTIVE",
      Map.of("country", "FR", "returning_from_leave", "yes"), List.of("working-mom", "returning-from-leave"));
  static final SubscriberProfile NAMELESS = new SubscriberProfile(2, "x@example.org", null, null, "ACTIVE", Map.of(), List.of());

  @Test
  void theSeriesIsAWelcomeAndSixWeeklyEmailsWithTwoConditionalOnes() {
    // given the campaign file / then seven steps a week apart, a week-1 variant and a check-in
    assertThat(SERIES.steps()).extracting(Step::id).containsExactly("welcome", "week-1", "week-1-daycare", "week-2",
        "burnout-check-in", "week-3", "week-4", "week-5", "week-6");
    assertThat(SERIES.steps()).extracting(s -> s.offset().toDays())
        .containsExactly(0L, 7L, 7L, 14L, 17L, 21L, 28L, 35L, 42L);
    assertThat(SERIES.steps()).filteredOn(s -> s.when() != null).extracting(Step::id)
        .containsExactly("week-1", "week-1-daycare", "burnout-check-in");
  }

  @Test
  void everyEmailStaysUnderGmailsClippingLimitAndCarriesTheLegalFooter() {
    CompiledCampaign compiled = ENGINE.compile(SERIES);
    for (Step step : SERIES.steps()) {
      // when each step is rendered for a subscriber with a name
      RenderedMessage message = ENGINE.render(compiled, step.id(), ZOE, LINKS);

      // then the HTML is a complete, small document with the footer in both parts
      assertThat(message.html().getBytes(StandardCharsets.UTF_8).length).as(step.id()).isLessThan(102 * 1024);
      assertThat(message.html()).as(step.id()).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\"")
          .contains(message.preheader()).contains(LINKS.unsubscribe()).contains(LINKS.webView())
          .contains("100 Example Avenue");
      assertThat(message.text()).as(step.id()).contains(LINKS.unsubscribe()).contains("100 Example Avenue")
          .doesNotContain("<p").doesNotContain("${");
      assertThat(message.subject()).as(step.id()).hasSizeLessThan(70).doesNotContain("\n");
    }
  }

  @Test
  void everyEmailIsShortAndHasOneCallToAction() {
    CompiledCampaign compiled = ENGINE.compile(SERIES);
    for (Step step : SERIES.steps()) {
      // when rendered
      RenderedMessage message = ENGINE.render(compiled, step.id(), NAMELESS, LINKS);
      String body = message.text().substring(0, message.text().indexOf("\n--\n"));

      // then the text body is 150-450 words with exactly one link of its own (the call to action)
      int words = body.split("\\s+").length;
      assertThat(words).as("%s words", step.id()).isBetween(150, 450);
      assertThat(Pattern.compile("https://example\\.com/\\S+").matcher(body).results().count()).as(step.id()).isEqualTo(1);
    }
  }

  @Test
  void countsVariantsAsOneEmailAndTheCheckInAsAnExtra() {
    // given the series with a week-1 variant and a check-in / then readers see "email N of 7"
    assertThat(SERIES.seriesLength()).isEqualTo(7);
    assertThat(SERIES.steps()).extracting(step -> SERIES.stepNumber(step.id())).containsExactly(1, 2, 2, 3, 3, 4, 5, 6, 7);
    RenderedMessage week6 = ENGINE.render(ENGINE.compile(SERIES), "week-6", ZOE, LINKS);
    assertThat(week6.text()).contains("Email 7 of 7");
  }

  @Test
  void greetsByNameAndFallsBackWhenThereIsNone() {
    CompiledCampaign compiled = ENGINE.compile(SERIES);

    // when the welcome is rendered with and without a first name
    RenderedMessage named = ENGINE.render(compiled, "welcome", ZOE, LINKS);
    RenderedMessage nameless = ENGINE.render(compiled, "welcome", NAMELESS, LINKS);

    // then the greeting and the subject adapt
    assertThat(named.text()).contains("Hi Zoë,");
    assertThat(named.subject()).isEqualTo("Zoë, you love your kids and your career");
    assertThat(nameless.text()).contains("Hi there,");
    assertThat(nameless.subject()).isEqualTo("You love your kids and your career");
  }

  @Test
  void escapesSubscriberDataInHtml() {
    // given a first name that is markup
    SubscriberProfile mallory = new SubscriberProfile(3, "m@example.org", "<script>alert(1)</script>", null, "ACTIVE",
        Map.of(), List.of());

    // when rendered
    RenderedMessage message = ENGINE.render(ENGINE.compile(SERIES), "welcome", mallory, LINKS);

    // then it appears escaped in HTML, never as a tag
    assertThat(message.html()).doesNotContain("<script>").contains("&lt;script&gt;");
  }

  @Test
  void validatesCleanly() {
    // given the shipped series / when checked with and without subscriber data / then no problems
    assertThat(ENGINE.check(SERIES)).isEmpty();
  }
}
