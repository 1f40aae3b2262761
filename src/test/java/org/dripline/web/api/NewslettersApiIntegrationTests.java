package org.dripline.web.api;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The newsletters API over real HTTP with the ops token, on the shipped issue: status, schedule,
 * cancel, and problem+json for an unknown issue (404), a drip given as an issue or a bad address (400)
 * and sending a cancelled issue (409). Nothing is sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "dripline.api.token=" + NewslettersApiIntegrationTests.TOKEN)
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class NewslettersApiIntegrationTests {

  static final String TOKEN = "newsletters-api-test-token-0123456789";
  static final String ISSUE = "/api/newsletters/stories-weekly-2030-01";
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void isolated(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:newsletters-api-" + java.util.UUID.randomUUID()
        + ";DB_CLOSE_DELAY=-1");
    registry.add("spring.mail.host", () -> "127.0.0.1");
  }

  @LocalServerPort
  int port;

  @Test
  void statusScheduleCancelAndEachErrorAsProblemJson() throws Exception {
    // when the issues are listed and the shipped one is asked for
    HttpResponse<String> all = send("GET", "/api/newsletters", null);
    HttpResponse<String> status = send("GET", ISSUE, null);

    // then it is there, not sent yet, to its list
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.body()).contains("{\"id\":\"stories-weekly-2030-01\",\"state\":\"NOT_SENT\"");
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body()).contains("\"state\":\"NOT_SENT\"", "\"lists\":[\"stories-weekly\"]");

    // and the caller's mistakes are problem+json: unknown issue, a drip, a bad address, nothing to cancel
    HttpResponse<String> unknown = send("GET", "/api/newsletters/no-such-issue", null);
    HttpResponse<String> drip = send("POST", "/api/newsletters/working-mom-guilt/send", null);
    HttpResponse<String> badAddress = send("POST", ISSUE + "/test", "{\"to\":[\"not-an-address\"]}");
    HttpResponse<String> nothingToCancel = send("POST", ISSUE + "/cancel", null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(drip.statusCode()).isEqualTo(400);
    assertThat(drip.body()).contains("is a drip campaign, not a newsletter issue");
    assertThat(badAddress.statusCode()).isEqualTo(400);
    assertThat(badAddress.body()).contains("is not an email address");
    assertThat(nothingToCancel.statusCode()).isEqualTo(404);

    // when it is scheduled, then cancelled
    HttpResponse<String> scheduled = send("POST", ISSUE + "/schedule", null);
    HttpResponse<String> cancelled = send("POST", ISSUE + "/cancel", null);

    // then each says so, and sending it afterwards is a conflict
    assertThat(scheduled.statusCode()).isEqualTo(200);
    assertThat(scheduled.body()).contains("\"state\":\"SCHEDULED\"", "\"sendMode\":\"SCHEDULED\"");
    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertThat(cancelled.body()).contains("\"cancelledDeliveries\":0", "\"state\":\"CANCELLED\"");
    HttpResponse<String> again = send("POST", ISSUE + "/send", null);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("was cancelled");
  }

  HttpResponse<String> send(String method, String path, String json) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + TOKEN);
    if (json != null) {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
