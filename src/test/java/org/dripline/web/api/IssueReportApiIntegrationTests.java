package org.dripline.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The report API answers for a newsletter issue as well as for a drip, and says which it is: the
 * shipped issue, not sent yet, has no recipients and none of a series' numbers; a drip keeps them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "dripline.api.token=" + IssueReportApiIntegrationTests.TOKEN)
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class IssueReportApiIntegrationTests {

  static final String TOKEN = "issue-report-api-test-token-0123456789";
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void isolated(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:issue-report-api-" + java.util.UUID.randomUUID()
        + ";DB_CLOSE_DELAY=-1");
    registry.add("spring.mail.host", () -> "127.0.0.1");
  }

  @LocalServerPort
  int port;

  @Test
  void anIssuesReportIsMarkedIssueAndHasNoEnrolledWhileADripsKeepsItsSeriesNumbers() throws Exception {
    // when the shipped issue's report, a drip's and an unknown id's are asked for
    HttpResponse<String> issue = get("/api/campaigns/stories-weekly-2030-01/report");
    HttpResponse<String> drip = get("/api/campaigns/working-mom-guilt/report");
    HttpResponse<String> unknown = get("/api/campaigns/no-such-issue/report");

    // then the issue's says ISSUE, with its variant as its one step and no series numbers
    assertThat(issue.statusCode()).as(issue.body()).isEqualTo(200);
    assertThat(issue.body()).contains("\"kind\":\"ISSUE\"", "\"stepId\":\"issue\"")
        .doesNotContain("\"enrolled\"", "\"leftSeries\"", "\"goalCompletions\"", "\"versions\"", "\"recipients\"");
    // and the drip's says DRIP with its enrolled count, and an unknown id is still 404
    assertThat(drip.statusCode()).isEqualTo(200);
    assertThat(drip.body()).contains("\"kind\":\"DRIP\"", "\"enrolled\":", "\"versions\":")
        .doesNotContain("\"recipients\"", "\"abTest\"", "\"issue\":");
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
