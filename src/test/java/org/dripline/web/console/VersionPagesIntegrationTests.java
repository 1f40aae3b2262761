package org.dripline.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dripline.report.VersionFixture;
import org.dripline.testing.TestEnvironment;
import org.dripline.web.OpsHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Versions and rendered subjects over real HTTP: the console's campaign page, preview and timeline
 * pages as a logged-in marketer gets them, and {@code GET /api/campaigns/{id}/versions}, over
 * {@link VersionFixture}. Nothing is sent, so a private H2 without SMTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {TestEnvironment.NO_SMTP,
    "spring.datasource.url=jdbc:h2:mem:version-pages;DB_CLOSE_DELAY=-1", "dripline.console.username=marketer",
    "dripline.console.password=" + VersionPagesIntegrationTests.PASSWORD, "dripline.api.token=" + VersionPagesIntegrationTests.TOKEN})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class VersionPagesIntegrationTests {

  static final String PASSWORD = "version-pages-secret";
  static final String TOKEN = "version-pages-token-0123456789";
  // FreeMarker's markers, raw or HTML-escaped: none of them may reach a page.
  static final Pattern TEMPLATE_SOURCE = Pattern.compile("<#|</#|&lt;#|&lt;/#|\\$\\{");

  @Autowired
  ApplicationContext context;
  @LocalServerPort
  int port;
  @TempDir
  Path tmp;

  VersionFixture fixture;
  OpsHttp http;

  @BeforeEach
  void loggedInOverTwoVersions() throws Exception {
    fixture = VersionFixture.create(context, "console", tmp);
    http = OpsHttp.of(port, TOKEN);
    assertThat(http.logIn("marketer", PASSWORD).statusCode()).isEqualTo(302);
  }

  @Test
  void theCampaignPageShowsSubjectsRenderedForTheSampleAndTheVersionHistory() throws Exception {
    // when the marketer opens the campaign page
    HttpResponse<String> page = http.getWithout("/console/campaigns/" + fixture.campaignId());

    // then the subjects are the sample's, never FreeMarker, and the page says how they were rendered
    assertThat(page.statusCode()).isEqualTo(200);
    String html = page.body();
    assertThat(html).doesNotContainPattern(TEMPLATE_SOURCE);
    assertThat(cell(html, "welcome")).isEqualTo("Sam, you love your kids and your career");
    assertThat(cell(html, "week-6")).isEqualTo("Sam, you can be both");
    assertThat(html).contains("Subjects as rendered for a sample subscriber (Sam, sample@example.com).");

    // and the history lists both versions, the second in force, with what changed and who accepted it
    assertThat(html).contains("<tr data-version=\"" + fixture.v1Short() + "\">")
        .contains("<tr data-version=\"" + fixture.v2Short() + "\" class=\"in-force\">")
        .contains("added step week-6").contains("first version")
        .contains("by " + VersionFixture.ACCEPTED_BY + " at ").contains("(change c0ffee012345)")
        .containsPattern("File on disk: version\\s+<code>" + fixture.v2Short() + "</code> \\(in force\\)");
  }

  @Test
  void theDiffPageSaysTheFileInForceIsSafeAndShowsWhoIsInFlightOnWhichVersion() throws Exception {
    // when the marketer opens the diff page of the campaign whose file is the version in force
    HttpResponse<String> page = http.getWithout("/console/campaigns/" + fixture.campaignId() + "/diff");

    // then it is safe, and the one still on version 1 is listed with what they had
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<b>Safe</b>").contains("note: the file is the version in force")
        .contains("in flight on version " + fixture.v1Short() + ": 1 people, stay on the steps of their version");
  }

  @Test
  void theLifecycleButtonsPauseAndResumeTheCampaignWithTheCsrfToken() throws Exception {
    // given the campaign page and its lifecycle form's token
    String page = http.getWithout("/console/campaigns/" + fixture.campaignId()).body();
    assertThat(page).contains("State: <b id=\"lifecycle-state\">live</b>");
    java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(
        page.substring(page.indexOf("id=\"lifecycle\"")));
    assertThat(token.find()).isTrue();

    // when Pause is pressed, then Pause again, and once without the token
    String form = "action=pause&_csrf=" + java.net.URLEncoder.encode(token.group(1), java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<String> paused = http.postForm("/console/campaigns/" + fixture.campaignId() + "/lifecycle", form);
    HttpResponse<String> again = http.postForm("/console/campaigns/" + fixture.campaignId() + "/lifecycle", form);
    HttpResponse<String> forged = http.postForm("/console/campaigns/" + fixture.campaignId() + "/lifecycle",
        "action=archive");
    String after = http.getWithout("/console/campaigns/" + fixture.campaignId()).body();

    // then it is paused once (the second press changes nothing), back on the campaign page; no token, no change
    assertThat(paused.statusCode()).isEqualTo(302);
    assertThat(paused.headers().firstValue("Location")).hasValueSatisfying(
        location -> assertThat(location).endsWith("/console/campaigns/" + fixture.campaignId()));
    assertThat(again.statusCode()).isEqualTo(302);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(after).contains("State: <b id=\"lifecycle-state\">paused</b>");
    context.getBean(org.dripline.lifecycle.CampaignLifecycle.class).resume(fixture.campaignId(),
        java.time.Instant.parse("2026-12-02T00:00:00Z"), "test");
  }

  @Test
  void theCampaignListShowsTheVersionInForce() throws Exception {
    String page = http.getWithout("/console").body();

    assertThat(page).contains("<td class=\"version\"><code>" + fixture.v2Short() + "</code></td>");
  }

  @Test
  void theTimelinePageSaysWhichVersionTheSubscriberFollows() throws Exception {
    // when the timelines of the one on version 1 and of a newcomer are opened
    String early = http.getWithout("/console/campaigns/" + fixture.campaignId() + "/timeline?subscriber="
        + fixture.early()).body();
    String newcomer = http.getWithout("/console/campaigns/" + fixture.campaignId() + "/timeline?subscriber="
        + fixture.newcomer()).body();
    String unknown = http.getWithout("/console/campaigns/" + fixture.campaignId() + "/timeline?subscriber=nobody@example.org")
        .body();

    // then each names the version, and the first shows version 1's steps only
    assertThat(early).containsPattern("<dd id=\"timeline-version\">follows version " + fixture.v1Short()
        + " \\(in force since \\S+Z; the version in force now is " + fixture.v2Short() + "\\)</dd>");
    assertThat(early).contains("<tr data-step=\"week-5\">").doesNotContain("<tr data-step=\"week-6\">");
    assertThat(newcomer).contains("<dd id=\"timeline-version\">not enrolled: would follow the file on disk (version "
        + fixture.v2Short() + ")</dd>").contains("<tr data-step=\"week-6\">");
    assertThat(unknown).contains("id=\"problem\"").contains("no subscriber with the address");
  }

  @Test
  void thePreviewPageSaysWhichVersionTheSubscriberFollows() throws Exception {
    String page = http.getWithout("/console/campaigns/" + fixture.campaignId() + "/preview?step=welcome&subscriber="
        + fixture.late() + "&date=2026-12-01").body();

    assertThat(page).containsPattern("<dd id=\"preview-version\">follows version " + fixture.v2Short()
        + " \\(in force since \\S+Z\\); subject and content from the file on disk</dd>");
    assertThat(page).contains("<dd id=\"preview-subject\">Lou, you love your kids and your career</dd>");
  }

  @Test
  void theApiListsTheVersionsOldestFirst() throws Exception {
    // when the versions are asked for over the API
    HttpResponse<String> response = http.get("/api/campaigns/" + fixture.campaignId() + "/versions");

    // then both versions, in order, with what changed and who accepted it, and the file's version
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = JsonMapper.builder().build().readTree(response.body());
    assertThat(body.get("campaignId").asString()).isEqualTo(fixture.campaignId());
    assertThat(body.get("fileVersion").asString()).isEqualTo(fixture.v2().versionHash());
    assertThat(body.get("inForce").asString()).isEqualTo(fixture.v2().versionHash());
    JsonNode versions = body.get("versions");
    assertThat(versions.size()).isEqualTo(2);
    assertThat(versions.get(0).get("versionHash").asString()).isEqualTo(fixture.v1().versionHash());
    assertThat(versions.get(0).get("version").asString()).isEqualTo(fixture.v1Short());
    assertThat(versions.get(0).get("inForce").asBoolean()).isFalse();
    assertThat(versions.get(1).get("changed").asString()).isEqualTo(VersionFixture.SUMMARY);
    assertThat(versions.get(1).get("acceptedBy").asString()).isEqualTo(VersionFixture.ACCEPTED_BY);
    assertThat(versions.get(1).get("acceptedChange").asString()).isEqualTo(VersionFixture.ACCEPTED_CHANGE);
    assertThat(versions.get(1).get("since").asString()).endsWith("Z");

    // and an unknown campaign is a 404 problem, a call without the token 401
    HttpResponse<String> unknown = http.get("/api/campaigns/no-such-campaign/versions");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("no campaign 'no-such-campaign'");
    assertThat(http.getWithout("/api/campaigns/" + fixture.campaignId() + "/versions").statusCode()).isEqualTo(401);
  }

  @Test
  void theReportOverTheApiCarriesRenderedSubjectsAndTheHistory() throws Exception {
    String body = http.get("/api/campaigns/" + fixture.campaignId() + "/report").body();

    assertThat(body).doesNotContainPattern(TEMPLATE_SOURCE).contains("\"subject\":\"Sam, you love your kids and your career\"")
        .contains("\"versionHash\":\"" + fixture.v1().versionHash() + "\"");
  }

  /** The subject cell of a step's row in the steps table. */
  static String cell(String html, String step) {
    Matcher row = Pattern.compile("<tr data-step=\"" + Pattern.quote(step) + "\">.*?<td class=\"subject\">(.*?)</td>",
        Pattern.DOTALL).matcher(html);
    assertThat(row.find()).as("row of " + step).isTrue();
    return row.group(1);
  }
}
