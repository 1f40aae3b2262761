package org.dripline.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The campaign's {@code links:}: named absolute https URLs, every bad one reported at its line and column. */
class CampaignLinksTests {

  static final String CAMPAIGN = CampaignLoaderTests.VALID_CAMPAIGN.replace("steps:\n", """
      links:
        post: https://example.org/blog/post#part-2
        community: https://example.org/go/community
      steps:
      """);

  @TempDir
  Path tmp;

  @Test
  void readsNamedLinksInTheirOrder() throws IOException {
    // given a campaign with two links / when loaded / then both, by name, in file order
    Campaign campaign = new CampaignLoader().load(write(CAMPAIGN));
    assertThat(campaign.links()).containsExactly(
        java.util.Map.entry("post", "https://example.org/blog/post#part-2"),
        java.util.Map.entry("community", "https://example.org/go/community"));
  }

  @Test
  void aCampaignWithoutLinksHasNone() throws IOException {
    assertThat(new CampaignLoader().load(write(CampaignLoaderTests.VALID_CAMPAIGN)).links()).isEmpty();
  }

  @Test
  void reportsEveryLinkThatIsNotAnAbsoluteHttpsUrlAtItsPlace() throws IOException {
    // given plain http, a relative path, a missing host, a space, a bad name, a reserved name and a list
    Path file = write(CampaignLoaderTests.VALID_CAMPAIGN.replace("steps:\n", """
        links:
          post: http://example.org/post
          relative: /blog/post
          nohost: https:///post
          spaced: "https://example.org/a b"
          Bad-Name: https://example.org/
          unsubscribe: https://example.org/u
          listed: [https://example.org/a]
        steps:
        """));

    // when loaded
    InvalidCampaignException e = catchThrowableOfType(InvalidCampaignException.class, () -> new CampaignLoader().load(file));

    // then each is reported with file:line:column, and nothing else is
    String f = file.toString();
    assertThat(e.problems()).extracting(Problem::toString).containsExactly(
        f + ":12:9: 'links.post' 'http://example.org/post' must be an absolute https URL such as https://example.org/page",
        f + ":13:13: 'links.relative' '/blog/post' must be an absolute https URL such as https://example.org/page",
        f + ":14:11: 'links.nohost' 'https:///post' needs a host name such as example.org",
        f + ":15:11: 'links.spaced' 'https://example.org/a b' contains spaces, quotes or control characters",
        f + ":16:3: link name 'Bad-Name' must be lower-case letters, digits and '_', starting with a letter"
            + " (e.g. post, community)",
        f + ":17:3: link name 'unsubscribe' is reserved: every message already has links.unsubscribe,"
            + " links.preferences and links.webView",
        f + ":18:11: 'links.listed' must be one URL");
  }

  @Test
  void reportsLinksThatAreNotAMapping() throws IOException {
    Path file = write(CampaignLoaderTests.VALID_CAMPAIGN.replace("steps:\n", "links: https://example.org/\nsteps:\n"));
    InvalidCampaignException e = catchThrowableOfType(InvalidCampaignException.class, () -> new CampaignLoader().load(file));
    assertThat(e.problems()).extracting(Problem::line, Problem::column)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(11, 8));
  }

  private Path write(String text) throws IOException {
    return Files.writeString(tmp.resolve("spring-series.yaml"), text);
  }
}
