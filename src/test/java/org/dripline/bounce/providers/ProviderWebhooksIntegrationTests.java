package org.dripline.bounce.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.dripline.bounce.providers.ProviderSigning.FakeSns;
import org.dripline.bounce.providers.ProviderSigning.Signer;
import org.dripline.infra.UtcTime;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Each provider's documented webhook payloads over real HTTP, signed as the provider signs them:
 * the reason, kind and suppression recorded, and every forged, stale, replayed or malformed
 * request refused with problem+json and nothing recorded. SNS's HTTPS endpoints are the one
 * stand-in ({@link FakeSns} serves the test certificate); the verification is the real one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "dripline.bounce.webhooks.ses.topic-arns=" + ProviderSigning.TOPIC,
    "dripline.bounce.webhooks.ses.confirm-subscriptions=true",
    "dripline.bounce.webhooks.mailgun.signing-key=" + ProviderWebhooksIntegrationTests.MAILGUN_KEY,
    "dripline.bounce.webhooks.postmark.username=postmark-hook",
    "dripline.bounce.webhooks.postmark.password=" + ProviderWebhooksIntegrationTests.POSTMARK_PASSWORD})
@ActiveProfiles("test")
@Import(SnsStandInConfiguration.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ProviderWebhooksIntegrationTests {

  static final String MAILGUN_KEY = "key-integration-mailgun-0123456789abcdef";
  static final String POSTMARK_PASSWORD = "postmark-webhook-password-0123456789";
  static final KeyPair SENDGRID = ProviderSigning.sendgridKeys();
  static final Signer SNS_SIGNER = SnsStandInConfiguration.SIGNER;

  @DynamicPropertySource
  static void isolated(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:webhooks-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    registry.add("dripline.bounce.webhooks.sendgrid.public-key", () -> ProviderSigning.sendgridPublicKey(SENDGRID));
  }

  @LocalServerPort
  int port;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  FakeSns sns;

  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void ledger() {
    TestEnvironment.emptyTables(jdbc);
    jdbc.update("delete from webhook_tokens");
    sns.fetched.clear();
    subscriber(1, "gone@example.net", 1001, "<1001.0a1b2c3d4e5f6a7b@news.example.org>");
    subscriber(2, "full@example.net", 1002, "<1002.1b2c3d4e5f6a7b8c@news.example.org>");
    subscriber(3, "angry@example.net", 1003, "<1003.5d6e7f8091a2b3c4@news.example.org>");
    subscriber(4, "blocked@example.net", 1004, "<1004.2c3d4e5f6a7b8c9d@news.example.org>");
    // an older message to full@: a match by recipient takes the newest
    delivery(902, 2, "<902.99aa@news.example.org>", "2026-11-24T08:00:00Z");
  }

  @Nested
  class AmazonSes {

    @Test
    void bouncesAndComplaintsAreRecordedWithTheirReasonsAndSuppressions() throws Exception {
      // when SES reports a permanent bounce (signature version 1), a transient one (version 2) and a complaint
      assertThat(ses("sns-1", "ses/bounce-permanent.json", "1").statusCode()).isEqualTo(200);
      assertThat(ses("sns-2", "ses/bounce-transient.json", "2").statusCode()).isEqualTo(200);
      HttpResponse<String> complaint = ses("sns-3", "ses/complaint.json", "2");

      // then each is recorded as the mailbox would record it
      assertThat(complaint.statusCode()).isEqualTo(200);
      assertThat(complaint.body()).contains("\"suppressed\":1");
      assertHardBounce("gone@example.net", 1001);
      assertSoftBounce("full@example.net", 1002, "MAILBOX_FULL");
      assertComplaint("angry@example.net", 1003, "complaint:ses");
      // and the certificate was fetched at most once (it may be cached already), from the SNS URL the messages named
      assertThat(sns.fetched()).hasSizeLessThanOrEqualTo(1).extracting(URI::toString)
          .allMatch(ProviderSigning.CERT_URL::equals);
    }

    @Test
    void aRedeliveredNotificationIsRecordedOnce() throws Exception {
      ses("sns-1", "ses/bounce-permanent.json", "1");
      HttpResponse<String> again = ses("sns-1", "ses/bounce-permanent.json", "1");

      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(again.body()).contains("\"already\":1");
      assertThat(count("select count(*) from bounce_events")).isEqualTo(1);
    }

    @Test
    void aForgedSignatureIsRefusedAndRecordsNothing() throws Exception {
      // given a signed bounce whose recipient was changed afterwards
      ObjectNode message = ProviderSigning.snsNotification("sns-1", ProviderSigning.fixture("ses/bounce-permanent.json"),
          SNS_SIGNER, "1", ProviderSigning.CERT_URL);
      message.put("Message", message.get("Message").asString().replace("gone@example.net", "angry@example.net"));

      HttpResponse<String> response = post("/webhooks/ses", message.toString(), Map.of());

      assertProblem(response, 403, "does not verify");
      assertThat(count("select count(*) from bounce_events")).isZero();
      assertThat(count("select count(*) from suppressions")).isZero();
    }

    @Test
    void anotherTopicIsRefusedBeforeAnyCertificateIsFetched() throws Exception {
      // given a correctly signed message from somebody else's topic (SNS signs every customer's alike)
      ObjectNode message = ProviderSigning.snsNotification("sns-1", ProviderSigning.fixture("ses/bounce-permanent.json"),
          SNS_SIGNER, "1", ProviderSigning.CERT_URL);
      message.put("TopicArn", "arn:aws:sns:us-east-1:999999999999:someone-else");

      assertProblem(post("/webhooks/ses", message.toString(), Map.of()), 403, "topic");
      assertThat(sns.fetched()).isEmpty();
    }

    @Test
    void aCertificateOutsideSnsIsRefusedWithoutBeingFetched() throws Exception {
      ObjectNode message = ProviderSigning.snsNotification("sns-1", ProviderSigning.fixture("ses/bounce-permanent.json"),
          SNS_SIGNER, "1", "https://169.254.169.254/latest/meta-data/cert.pem");

      assertProblem(post("/webhooks/ses", message.toString(), Map.of()), 403, "SigningCertURL");
      assertThat(sns.fetched()).isEmpty();
    }

    @Test
    void aSubscriptionRequestIsConfirmedAtItsSnsUrlOnly() throws Exception {
      String subscribe = "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn="
          + ProviderSigning.TOPIC + "&Token=2336412f37";
      assertThat(post("/webhooks/ses", ProviderSigning.snsSubscriptionConfirmation(subscribe, SNS_SIGNER).toString(),
          Map.of()).statusCode()).isEqualTo(200);
      assertThat(sns.fetched()).extracting(URI::toString).contains(subscribe);

      // and a signed request naming a SubscribeURL elsewhere is refused, that URL never fetched
      HttpResponse<String> elsewhere = post("/webhooks/ses",
          ProviderSigning.snsSubscriptionConfirmation("https://attacker.example/confirm", SNS_SIGNER).toString(), Map.of());
      assertProblem(elsewhere, 403, "SubscribeURL");
      assertThat(sns.fetched()).extracting(URI::toString).noneMatch(u -> u.contains("attacker"));
    }

    @Test
    void anEventForNoDeliveryOfOursIsAcceptedAndIgnored() throws Exception {
      String stranger = ProviderSigning.fixture("ses/bounce-permanent.json").replace("gone@example.net",
          "stranger@example.net").replace("<1001.0a1b2c3d4e5f6a7b@news.example.org>", "<other@elsewhere.example>");
      HttpResponse<String> response = post("/webhooks/ses", ProviderSigning.snsNotification("sns-9", stranger,
          SNS_SIGNER, "2", ProviderSigning.CERT_URL).toString(), Map.of());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("\"unknown-delivery\":1");
      assertThat(count("select count(*) from bounce_events")).isZero();
    }

    @Test
    void deliveryNotificationsAreIgnored() throws Exception {
      HttpResponse<String> response = ses("sns-4", "ses/delivery.json", "2");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("\"ignored\":1");
      assertThat(count("select count(*) from bounce_events")).isZero();
    }

    @Test
    void aMalformedBodyIsABadRequest() throws Exception {
      assertProblem(post("/webhooks/ses", "{\"Type\": \"Notification\", ", Map.of()), 400, "not valid JSON");
      assertProblem(post("/webhooks/ses", "[]", Map.of()), 400, "JSON object");
      // a signed envelope whose Message is not an SES notification
      assertProblem(post("/webhooks/ses", ProviderSigning.snsNotification("sns-5", "not json", SNS_SIGNER, "2",
          ProviderSigning.CERT_URL).toString(), Map.of()), 400, "SES notification");
    }

    private HttpResponse<String> ses(String snsMessageId, String fixture, String version) throws Exception {
      return post("/webhooks/ses", ProviderSigning.snsNotification(snsMessageId, ProviderSigning.fixture(fixture),
          SNS_SIGNER, version, ProviderSigning.CERT_URL).toString(), Map.of());
    }
  }

  @Nested
  class Mailgun {

    @Test
    void failuresAndComplaintsAreRecordedWithTheirReasonsAndSuppressions() throws Exception {
      for (String fixture : List.of("failed-permanent", "failed-temporary", "complained")) {
        assertThat(mailgun(fixture, Instant.now().getEpochSecond(), token()).statusCode()).as(fixture).isEqualTo(200);
      }
      HttpResponse<String> delivered = mailgun("delivered", Instant.now().getEpochSecond(), token());

      assertThat(delivered.body()).contains("\"ignored\":1");
      assertHardBounce("gone@example.net", 1001);
      assertSoftBounce("full@example.net", 1002, "MAILBOX_FULL");
      assertComplaint("angry@example.net", 1003, "complaint:mailgun");
    }

    @Test
    void aWrongSignatureIsRefusedAndRecordsNothing() throws Exception {
      long now = Instant.now().getEpochSecond();
      String body = ProviderSigning.mailgun("mailgun/failed-permanent.json", "not-our-key", now, token());

      assertProblem(post("/webhooks/mailgun", body, Map.of()), 403, "does not verify");
      assertThat(count("select count(*) from bounce_events")).isZero();
    }

    @Test
    void aReplayedTokenIsRefused() throws Exception {
      String token = token();
      String body = ProviderSigning.mailgun("mailgun/failed-permanent.json", MAILGUN_KEY, Instant.now().getEpochSecond(),
          token);
      assertThat(post("/webhooks/mailgun", body, Map.of()).statusCode()).isEqualTo(200);

      assertProblem(post("/webhooks/mailgun", body, Map.of()), 403, "used before");
    }

    @Test
    void aStaleTimestampIsRefused() throws Exception {
      HttpResponse<String> response = mailgun("failed-permanent", Instant.now().getEpochSecond() - 3600, token());
      assertProblem(response, 403, "seconds from now");
      assertThat(count("select count(*) from bounce_events")).isZero();
    }

    @Test
    void anUnsignedOrMalformedRequestIsRefused() throws Exception {
      assertProblem(post("/webhooks/mailgun", "{\"event-data\": {}}", Map.of()), 401, "signature");
      assertProblem(post("/webhooks/mailgun", "event=failed&recipient=x", Map.of()), 400, "not valid JSON");
    }

    private HttpResponse<String> mailgun(String fixture, long timestamp, String token) throws Exception {
      return post("/webhooks/mailgun", ProviderSigning.mailgun("mailgun/" + fixture + ".json", MAILGUN_KEY, timestamp,
          token), Map.of());
    }

    private String token() {
      return UUID.randomUUID().toString().replace("-", "") + "0123456789abcdef01";
    }
  }

  @Nested
  class Sendgrid {

    @Test
    void aBatchOfEventsIsRecordedWithReasonsAndTheRestIgnored() throws Exception {
      // when SendGrid posts its sample batch: bounce, blocked, spamreport, deferred, delivered, processed
      HttpResponse<String> response = sendgrid(ProviderSigning.fixture("sendgrid/events.json"));

      // then three are recorded and three ignored
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("\"events\":3").contains("\"ignored\":3");
      assertHardBounce("gone@example.net", 1001);
      assertSoftBounce("blocked@example.net", 1004, "POLICY");
      assertComplaint("angry@example.net", 1003, "complaint:sendgrid");
      // a deferral is SendGrid retrying, not a bounce
      assertThat(count("select count(*) from bounce_events where email = 'full@example.net'")).isZero();
    }

    @Test
    void aBadSignatureIsRefusedAndRecordsNothing() throws Exception {
      String body = ProviderSigning.fixture("sendgrid/events.json");
      String timestamp = Long.toString(Instant.now().getEpochSecond());
      String signature = ProviderSigning.sendgridSignature(ProviderSigning.sendgridKeys(), timestamp,
          body.getBytes(StandardCharsets.UTF_8));

      assertProblem(post("/webhooks/sendgrid", body, Map.of(SendgridSignature.TIMESTAMP, timestamp,
          SendgridSignature.SIGNATURE, signature)), 403, "does not verify");
      assertProblem(post("/webhooks/sendgrid", body, Map.of()), 401, "required");
      assertThat(count("select count(*) from bounce_events")).isZero();
    }

    @Test
    void aSignedBodyThatIsNoEventArrayIsABadRequest() throws Exception {
      assertProblem(sendgrid("{\"event\":\"bounce\"}"), 400, "JSON array");
      assertProblem(sendgrid("[{\"event\":\"bounce\",\"email\":\"gone@example.net\"}]"), 400, "sg_event_id");
    }

    private HttpResponse<String> sendgrid(String body) throws Exception {
      String timestamp = Long.toString(Instant.now().getEpochSecond());
      return post("/webhooks/sendgrid", body, Map.of(SendgridSignature.TIMESTAMP, timestamp, SendgridSignature.SIGNATURE,
          ProviderSigning.sendgridSignature(SENDGRID, timestamp, body.getBytes(StandardCharsets.UTF_8))));
    }
  }

  @Nested
  class Postmark {

    @Test
    void bouncesAndSpamComplaintsAreRecordedByRecipient() throws Exception {
      for (String fixture : List.of("bounce-hard", "bounce-soft", "spam-complaint")) {
        assertThat(postmark(fixture, ProviderSigning.basic("postmark-hook", POSTMARK_PASSWORD)).statusCode())
            .as(fixture).isEqualTo(200);
      }
      assertThat(postmark("delivery", ProviderSigning.basic("postmark-hook", POSTMARK_PASSWORD)).body())
          .contains("\"ignored\":1");

      assertHardBounce("gone@example.net", 1001);
      // Postmark quotes no Message-ID of ours: the newest delivery to the address, not the older 902
      assertSoftBounce("full@example.net", 1002, "MAILBOX_FULL");
      assertComplaint("angry@example.net", 1003, "complaint:postmark");
    }

    @Test
    void wrongOrMissingCredentialsAreUnauthorized() throws Exception {
      HttpResponse<String> wrong = postmark("bounce-hard", ProviderSigning.basic("postmark-hook", "guess"));
      assertProblem(wrong, 401, "wrong user name or password");
      assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
      assertProblem(postmark("bounce-hard", null), 401, "basic credentials are required");
      assertThat(count("select count(*) from bounce_events")).isZero();
    }

    @Test
    void aMalformedBodyIsABadRequest() throws Exception {
      assertProblem(post("/webhooks/postmark", "<xml/>", Map.of("Authorization",
          ProviderSigning.basic("postmark-hook", POSTMARK_PASSWORD))), 400, "not valid JSON");
    }

    private HttpResponse<String> postmark(String fixture, String authorization) throws Exception {
      return post("/webhooks/postmark", ProviderSigning.fixture("postmark/" + fixture + ".json"),
          authorization == null ? Map.of() : Map.of("Authorization", authorization));
    }
  }

  @Test
  void onlyPostIsAnsweredAndAnUnknownProviderIsNotFound() throws Exception {
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri("/webhooks/ses")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
    assertProblem(post("/webhooks/sparkpost", "{}", Map.of()), 404, "no provider webhook");
  }

  // --- helpers ---

  HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  static void assertProblem(HttpResponse<String> response, int status, String detail) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("\"status\":" + status).contains(detail).doesNotContain("Exception");
  }

  void assertHardBounce(String email, long deliveryId) {
    assertThat(event(email)).containsEntry("KIND", "HARD_BOUNCE").containsEntry("REASON", "USER_UNKNOWN")
        .containsEntry("DELIVERY_ID", deliveryId);
    assertThat(jdbc.queryForMap("select reason, source from suppressions where email = ?", email))
        .containsEntry("REASON", "HARD_BOUNCE").containsEntry("SOURCE", "bounce:user-unknown:5.1.1");
    assertThat(status(email)).isEqualTo("BOUNCED");
  }

  void assertSoftBounce(String email, long deliveryId, String reason) {
    assertThat(event(email)).containsEntry("KIND", "SOFT_BOUNCE").containsEntry("REASON", reason)
        .containsEntry("DELIVERY_ID", deliveryId);
    assertThat(count("select count(*) from suppressions where email = '" + email + "'")).isZero();
    assertThat(status(email)).isEqualTo("ACTIVE");
  }

  void assertComplaint(String email, long deliveryId, String source) {
    assertThat(event(email)).containsEntry("KIND", "COMPLAINT").containsEntry("DELIVERY_ID", deliveryId);
    assertThat(jdbc.queryForMap("select reason, source from suppressions where email = ?", email))
        .containsEntry("REASON", "COMPLAINT").containsEntry("SOURCE", source);
    assertThat(status(email)).isEqualTo("COMPLAINED");
  }

  Map<String, Object> event(String email) {
    List<Map<String, Object>> rows = jdbc.queryForList(
        "select kind, reason, delivery_id, subscriber_id, detail from bounce_events where email = ?", email);
    assertThat(rows).as("bounce_events of " + email).hasSize(1);
    return rows.get(0);
  }

  String status(String email) {
    return jdbc.queryForObject("select status from subscribers where email = ?", String.class, email);
  }

  long count(String sql) {
    return jdbc.queryForObject(sql, Long.class);
  }

  void subscriber(long id, String email, long deliveryId, String messageId) {
    Timestamp created = Timestamp.valueOf(UtcTime.toDb(Instant.parse("2026-11-01T00:00:00Z")));
    jdbc.update("insert into subscribers (id, email, status, created_at, updated_at) values (?, ?, 'ACTIVE', ?, ?)",
        id, email, created, created);
    delivery(deliveryId, id, messageId, "2026-12-01T08:00:00Z");
  }

  void delivery(long id, long subscriberId, String messageId, String sentAt) {
    Timestamp at = Timestamp.valueOf(UtcTime.toDb(Instant.parse(sentAt)));
    jdbc.update("insert into deliveries (id, campaign_id, step_id, subscriber_id, due_at, status, planned_at, sent_at,"
        + " message_id) values (?, 'working-mom-guilt', ?, ?, ?, 'SENT', ?, ?, ?)", id, "step-" + id, subscriberId, at,
        at, at, messageId);
  }
}
