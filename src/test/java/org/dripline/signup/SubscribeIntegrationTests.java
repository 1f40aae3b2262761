package org.dripline.signup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dripline.run.RunSummary;
import org.dripline.testing.TestEnvironment;
import org.dripline.tracking.Purpose;
import org.dripline.tracking.TokenSigner;
import org.dripline.tracking.TrackingFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Double opt-in over real HTTP: form and JSON sign-up, consent record, confirmation, abuse limits. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"dripline.subscribe.max-per-client=1000", "dripline.subscribe.max-per-address=3"})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SubscribeIntegrationTests {

  /** 09:00 in Berlin, the form sign-up's timezone: inside the series' 08:00-11:00 send window. */
  static final java.time.Instant BERLIN_MORNING = java.time.Instant.parse("2026-12-01T08:00:00Z");
  static final Pattern CONFIRM = Pattern.compile("http://localhost:8080/confirm/[A-Za-z0-9._-]+");

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void isolated(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "subscribe");
  }

  @Autowired
  ApplicationContext app;
  @Autowired
  JdbcTemplate jdbc;
  @TempDir
  Path tmp;
  TrackingFixture fx;

  @BeforeEach
  void fixture() {
    fx = TrackingFixture.of(app, smtp, tmp);
  }

  @Test
  void aFormSignUpIsPendingUntilConfirmedAndOnlyThenEnrolled() throws Exception {
    // when someone signs up on the form
    HttpResponse<String> answer = fx.postForm(TrackingFixture.BASE + "/subscribe",
        "email=New.Reader%40Example.org&firstName=Nia&timezone=Europe%2FBerlin&consent=yes");

    // then the page says a confirmation is on its way, and the consent record is stored, pending
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains(SubscribeController.SAME_ANSWER);
    Map<String, Object> row = jdbc.queryForMap("select status, first_name, timezone, consent_source,"
        + " consent_text_version, created_at, confirmed_at from subscribers where email = 'new.reader@example.org'");
    assertThat(row).containsEntry("STATUS", "PENDING").containsEntry("CONSENT_SOURCE", "FORM")
        .containsEntry("CONSENT_TEXT_VERSION", "2026-11-v1").containsEntry("TIMEZONE", "Europe/Berlin")
        .containsEntry("CONFIRMED_AT", null);
    String confirm = confirmLink("new.reader@example.org");
    // and the confirmation went out like every message, DKIM-signed, saying how long the link works (48h)
    MimeMessage confirmation = fx.received("new.reader@example.org").get(0);
    assertThat(confirmation.getHeader("DKIM-Signature")[0].replaceAll("\\s", "")).contains("d=dripline.example");
    assertThat(TrackingFixture.text(confirmation)).contains("within 48 hours");

    // and a run before the confirmation enrolls nobody
    RunSummary before = fx.runs().run(TrackingFixture.CAMPAIGN, BERLIN_MORNING);
    assertThat(before.enrolled()).isZero();

    // when the link is opened (GET changes nothing) and the button pressed
    HttpResponse<String> page = fx.get(confirm, TrackingFixture.FIREFOX);
    assertThat(page.body()).contains("<form method=\"post\" action=\"/confirm/");
    assertThat(status("new.reader@example.org")).isEqualTo("PENDING");
    HttpResponse<String> confirmed = fx.postForm(confirm, "");

    // then the subscriber is active with the confirmation time, and the next run sends the welcome
    assertThat(confirmed.statusCode()).isEqualTo(200);
    assertThat(confirmed.body()).contains("Subscription confirmed");
    assertThat(status("new.reader@example.org")).isEqualTo("ACTIVE");
    assertThat(jdbc.queryForObject("select confirmed_at from subscribers where email = 'new.reader@example.org'",
        java.time.LocalDateTime.class)).isNotNull();
    RunSummary after = fx.runs().run(TrackingFixture.CAMPAIGN, BERLIN_MORNING.plusSeconds(60));
    assertThat(after.sent()).isEqualTo(1);
    assertThat(fx.received("new.reader@example.org")).extracting(m -> m.getSubject())
        .contains("Nia, you love your kids and your career");
  }

  @Test
  void answersTheSameForKnownAndUnknownAddressesAndMailsOnlyTheNewOne() throws Exception {
    // given a subscribed address
    fx.subscribe("known@example.org");
    String knownBefore = jdbc.queryForList("select * from subscribers where email = 'known@example.org'").toString();

    // when both it and a new address sign up, on the form and on the API
    HttpResponse<String> known = fx.postForm(TrackingFixture.BASE + "/subscribe", "email=known%40example.org&consent=yes");
    HttpResponse<String> unknown = fx.postForm(TrackingFixture.BASE + "/subscribe", "email=unknown%40example.org&consent=yes");
    HttpResponse<String> knownApi = json("{\"email\":\"known@example.org\",\"consent\":true}");
    HttpResponse<String> unknownApi = json("{\"email\":\"unknown2@example.org\",\"firstName\":\"Ula\",\"consent\":true}");

    // then the answers are identical, the known subscriber is untouched and gets no mail
    assertThat(known.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(200);
    assertThat(known.body()).isEqualTo(unknown.body());
    assertThat(knownApi.statusCode()).isEqualTo(unknownApi.statusCode()).isEqualTo(202);
    assertThat(knownApi.body()).isEqualTo(unknownApi.body());
    confirmLink("unknown@example.org");
    confirmLink("unknown2@example.org");
    assertThat(jdbc.queryForObject("select consent_source from subscribers where email = 'unknown2@example.org'",
        String.class)).isEqualTo("API");
    assertThat(fx.received("known@example.org")).isEmpty();
    assertThat(jdbc.queryForList("select * from subscribers where email = 'known@example.org'").toString())
        .isEqualTo(knownBefore);
  }

  @Test
  void rejectsInvalidInputWithoutStoringIt() throws Exception {
    assertThat(json("{\"email\":\"not-an-address\",\"consent\":true}").statusCode()).isEqualTo(400);
    assertThat(json("{\"email\":\"noconsent@example.org\"}").statusCode()).isEqualTo(400);
    assertThat(fx.postForm(TrackingFixture.BASE + "/subscribe", "email=tz%40example.org&timezone=Mars%2FBase&consent=yes")
        .statusCode()).isEqualTo(400);
    assertThat(jdbc.queryForObject("select count(*) from subscribers where email in"
        + " ('not-an-address', 'noconsent@example.org', 'tz@example.org')", Long.class)).isZero();
  }

  @Test
  void sendsAtMostThreeConfirmationsToOneAddress() throws Exception {
    // when the same address is signed up five times
    for (int i = 0; i < 5; i++) {
      assertThat(fx.postForm(TrackingFixture.BASE + "/subscribe", "email=bombed%40example.org&consent=yes").body())
          .contains(SubscribeController.SAME_ANSWER);
    }

    // and one more address after them (confirmation mails go out one at a time, in order)
    fx.postForm(TrackingFixture.BASE + "/subscribe", "email=after.bombed%40example.org&consent=yes");

    // then once that last mail is here, the address has had three confirmation mails, not five
    confirmLink("after.bombed@example.org");
    assertThat(fx.received("bombed@example.org")).hasSize(3);
  }

  @Test
  void anExpiredOrTamperedConfirmationLinkIsNotFound(@Autowired TokenSigner signer) throws Exception {
    fx.postForm(TrackingFixture.BASE + "/subscribe", "email=late%40example.org&consent=yes");
    String link = confirmLink("late@example.org");
    long id = Long.parseLong(link.substring(link.lastIndexOf('/') + 1).split("\\.")[1]);
    String expired = TrackingFixture.BASE + "/confirm/" + signer.sign(Purpose.CONFIRM, id, java.time.Instant.now().getEpochSecond() - 1);

    assertThat(fx.postForm(expired, "").statusCode()).isEqualTo(404);
    assertThat(fx.postForm(link.substring(0, link.length() - 2), "").statusCode()).isEqualTo(404);
    assertThat(fx.get(TrackingFixture.BASE + "/confirm/" + signer.sign(Purpose.UNSUBSCRIBE, id, Long.MAX_VALUE / 2),
        TrackingFixture.FIREFOX).statusCode()).isEqualTo(404);
    assertThat(status("late@example.org")).isEqualTo("PENDING");
  }

  HttpResponse<String> json(String body) throws Exception {
    return TrackingFixture.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fx.port() + "/api/subscribe"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String status(String email) {
    return jdbc.queryForObject("select status from subscribers where email = ?", String.class, email);
  }

  /** The confirmation link of the (background) mail to this address. */
  String confirmLink(String email) throws Exception {
    List<MimeMessage> mails = await("confirmation to " + email).atMost(Duration.ofMinutes(2))
        .until(() -> fx.received(email), received -> !received.isEmpty());
    Matcher m = CONFIRM.matcher(TrackingFixture.text(mails.get(mails.size() - 1)));
    assertThat(m.find()).isTrue();
    return m.group();
  }
}
