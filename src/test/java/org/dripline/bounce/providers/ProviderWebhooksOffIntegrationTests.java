package org.dripline.bounce.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Without their secrets configured, the providers' endpoints do not exist. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ProviderWebhooksOffIntegrationTests {

  @DynamicPropertySource
  static void isolated(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:webhooks-off-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @LocalServerPort
  int port;

  @Test
  void everyUnconfiguredProviderAnswers404AsProblemJson() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String provider : new String[] {"ses", "mailgun", "sendgrid", "postmark"}) {
      // when a provider's request arrives (Postmark's with basic credentials, which must not reach any login)
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/webhooks/" + provider))
          .header("Content-Type", "application/json")
          .header("Authorization", ProviderSigning.basic("postmark", "anything"))
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

      // then it is not found, the way every other refusal there is written
      assertThat(response.statusCode()).as(provider).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(response.body()).contains("no provider webhook at /webhooks/" + provider);
    }
  }
}
