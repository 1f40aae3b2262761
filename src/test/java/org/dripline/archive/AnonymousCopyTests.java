package org.dripline.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.render.TemplateEngine;
import org.junit.jupiter.api.Test;

class AnonymousCopyTests {

  static final String URL = "https://mail.example.org/archive/welcome-copy";

  @Test
  void theSeriesWelcomeRendersForNobodyWithNeitherTokensNorTracking() {
    // given the shipped series and its templates
    Campaign series = new CampaignCatalog(Path.of("campaigns")).load("working-mom-guilt");
    TemplateEngine templates = new TemplateEngine(Path.of("templates"));

    // when its welcome is rendered for the anonymous reader
    AnonymousCopy.Copy copy = AnonymousCopy.render(templates, series, "welcome", URL);

    // then the subject takes the branch without a first name, and the body links only to public pages
    assertThat(copy.subject()).isEqualTo("You love your kids and your career");
    assertThat(copy.html()).contains(URL + "#" + AnonymousCopy.ABOUT_ANCHOR);
    assertThat(copy.html()).doesNotContain("/t/o/", "/t/c/", "/u/", "/p/", "/v/", "<img", "<script", "<style");
    assertThat(copy.html()).doesNotContainPattern("[A-Za-z0-9._%+-]+@example\\.(org|com)");
  }

  @Test
  void theShippedNewsletterIssueRendersForNobody() {
    // given the shipped issue and its templates
    Campaign issue = new CampaignCatalog(Path.of("campaigns"), Path.of("newsletters")).load("stories-weekly-2030-01");
    TemplateEngine templates = new TemplateEngine(Path.of("templates"));

    // when it is rendered for the archive
    AnonymousCopy.Copy copy = AnonymousCopy.render(templates, issue, issue.steps().get(0).id(), URL);

    // then it has its subject, its content and its links to the post, and nothing that tracks or names anyone
    assertThat(copy.subject()).isEqualTo("The guilt you can put down this week");
    assertThat(copy.html()).contains("https://example.org/blog/working-mom-guilt", URL + "#" + AnonymousCopy.ABOUT_ANCHOR);
    assertThat(copy.html()).doesNotContain("/t/o/", "/t/c/", "/u/", "/p/", "/v/", "<img", "<script", "<style",
        "undefined", "null");
  }

  @Test
  void theAnonymousReaderHasNoPersonalData() {
    assertThat(AnonymousCopy.NOBODY.email()).isEmpty();
    assertThat(AnonymousCopy.NOBODY.firstName()).isNull();
    assertThat(AnonymousCopy.NOBODY.attributes()).isEmpty();
    assertThat(AnonymousCopy.NOBODY.tags()).isEmpty();
  }
}
