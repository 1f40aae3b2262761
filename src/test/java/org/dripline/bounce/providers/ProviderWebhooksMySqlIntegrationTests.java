package org.dripline.bounce.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dripline.bounce.providers.ProviderWebhooksIntegrationTests.assertProblem;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.dripline.infra.UtcTime;
import org.dripline.testing.MariaDbServer;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The parts of provider events that are SQL, against a real MariaDB 11.4 (V13 included): the
 * replay table's first use and duplicate key, and the match by recipient's newest delivery.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "dripline.bounce.webhooks.mailgun.signing-key=" + ProviderWebhooksIntegrationTests.MAILGUN_KEY,
    "dripline.bounce.webhooks.postmark.password=" + ProviderWebhooksIntegrationTests.POSTMARK_PASSWORD})
@ActiveProfiles("test")
@Import(SnsStandInConfiguration.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ProviderWebhooksMySqlIntegrationTests {

  @DynamicPropertySource
  static void mysql(DynamicPropertyRegistry registry) {
    String url = MariaDbServer.newDatabaseUrl();
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "root");
    registry.add("spring.datasource.password", () -> "");
  }

  @LocalServerPort
  int port;
  @Autowired
  JdbcTemplate jdbc;

  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void ledger() {
    TestEnvironment.emptyTables(jdbc);
    jdbc.update("delete from webhook_tokens");
    Timestamp created = Timestamp.valueOf(UtcTime.toDb(Instant.parse("2026-11-01T00:00:00Z")));
    jdbc.update("insert into subscribers (id, email, status, created_at, updated_at) values (1, 'gone@example.net',"
        + " 'ACTIVE', ?, ?)", created, created);
    delivery(901, "<901.00aa@news.example.org>", "2026-11-24T08:00:00Z");
    delivery(1001, "<1001.0a1b2c3d4e5f6a7b@news.example.org>", "2026-12-01T08:00:00Z");
  }

  @Test
  void aMailgunTokenIsAcceptedOnceAndTheBounceRecorded() throws Exception {
    String body = ProviderSigning.mailgun("mailgun/failed-permanent.json", ProviderWebhooksIntegrationTests.MAILGUN_KEY,
        Instant.now().getEpochSecond(), UUID.randomUUID().toString().replace("-", ""));

    assertThat(post("/webhooks/mailgun", body, Map.of()).statusCode()).isEqualTo(200);
    assertProblem(post("/webhooks/mailgun", body, Map.of()), 403, "used before");

    assertThat(jdbc.queryForMap("select kind, reason, delivery_id from bounce_events where email = 'gone@example.net'"))
        .containsEntry("kind", "HARD_BOUNCE").containsEntry("reason", "USER_UNKNOWN");
    assertThat(jdbc.queryForObject("select count(*) from webhook_tokens", Long.class)).isEqualTo(1);
  }

  @Test
  void aPostmarkBounceMatchesTheRecipientsNewestDelivery() throws Exception {
    HttpResponse<String> response = post("/webhooks/postmark", ProviderSigning.fixture("postmark/bounce-hard.json"),
        Map.of("Authorization", ProviderSigning.basic("postmark", ProviderWebhooksIntegrationTests.POSTMARK_PASSWORD)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(jdbc.queryForObject("select delivery_id from bounce_events where email = 'gone@example.net'", Long.class))
        .isEqualTo(1001L);
    assertThat(jdbc.queryForObject("select status from subscribers where id = 1", String.class)).isEqualTo("BOUNCED");
  }

  private void delivery(long id, String messageId, String sentAt) {
    Timestamp at = Timestamp.valueOf(UtcTime.toDb(Instant.parse(sentAt)));
    jdbc.update("insert into deliveries (id, campaign_id, step_id, subscriber_id, due_at, status, planned_at, sent_at,"
        + " message_id) values (?, 'working-mom-guilt', ?, 1, ?, 'SENT', ?, ?, ?)", id, "step-" + id, at, at, at,
        messageId);
  }

  private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
