package org.dripline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
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

/**
 * What `mvn spring-boot:run` shows, over real HTTP: the demo imports the bundled subscribers,
 * runs the simulated timeline into the embedded dev inbox, and the inbox page lists the mail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"dripline.mode=demo", "dripline.demo.days=15"})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DemoIntegrationTests {

  static final int SMTP_PORT = freePort();
  static final int IMAP_PORT = freePort();

  @DynamicPropertySource
  static void isolated(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:demo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    registry.add("dripline.dev-inbox.smtp-port", () -> SMTP_PORT);
    registry.add("dripline.dev-inbox.imap-port", () -> IMAP_PORT);
  }

  @LocalServerPort
  int port;

  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void listsTheFirstThreeWeeksOfTheSeriesForEverySubscriberInTheDevInbox() throws Exception {
    // given the demo ran 15 simulated days for the 60 bundled subscribers (welcome, week-1, week-2)

    // when the inbox page is opened
    HttpResponse<String> inbox = get("/");

    // then it lists 180 messages with their subjects
    assertThat(inbox.statusCode()).isEqualTo(200);
    assertThat(inbox.body()).contains("180 message(s)").contains("Burnout is a signal, not a failure")
        .contains("What working mom guilt really is");
  }

  @Test
  void showsAMessageWithItsHeadersTextAndSandboxedHtml() throws Exception {
    // given the demo's mail / when one message and its HTML part are opened
    HttpResponse<String> message = get("/inbox/0");
    HttpResponse<String> html = get("/inbox/0/html");

    // then the page shows the headers and the text part, and the HTML part comes sandboxed
    assertThat(message.statusCode()).isEqualTo(200);
    assertThat(message.body()).contains("X-Dripline-Delivery").contains("stories@dripline.example")
        .contains("Dripline Stories, 100 Example Avenue");
    assertThat(html.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).startsWith("sandbox"));
    assertThat(html.body()).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\"");
  }

  @Test
  void answersNotFoundForAMessageThatDoesNotExist() throws Exception {
    // given the demo's inbox / when a message number past the end is asked for / then 404
    assertThat(get("/inbox/100000").statusCode()).isEqualTo(404);
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
