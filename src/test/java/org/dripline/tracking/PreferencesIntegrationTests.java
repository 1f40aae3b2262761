package org.dripline.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.dripline.run.RunSummary;
import org.dripline.testing.TestEnvironment;
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

/** The preference page and the web view over real HTTP, and their effect on the next run. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PreferencesIntegrationTests {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void isolated(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "preferences");
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
  void thePageShowsTheOptionsAndChangesNothingOnGet() throws Exception {
    MimeMessage welcome = fx.welcome("look@example.org");
    String before = row("look@example.org");

    HttpResponse<String> page = fx.get(TrackingFixture.first(TrackingFixture.urls(welcome), "/p/"), TrackingFixture.FIREFOX);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Email preferences", "look@example.org", "Pause this series for",
        "Unsubscribe from this series", "Unsubscribe from all emails", "First name", "Turn off open and click tracking");
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(row("look@example.org")).isEqualTo(before);
  }

  @Test
  void pausingForFourWeeksHoldsTheNextEmail() throws Exception {
    // given a welcome
    MimeMessage welcome = fx.welcome("pause@example.org");

    // when the reader pauses the series for 4 weeks
    HttpResponse<String> saved = fx.postForm(TrackingFixture.first(TrackingFixture.urls(welcome), "/p/"), "action=pause&weeks=4");

    // then the enrollment is paused about 28 days from now, and week-1 is held at its due date
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(saved.body()).contains("paused for 4 weeks");
    LocalDateTime until = jdbc.queryForObject("select e.paused_until from enrollments e join subscribers s"
        + " on s.id = e.subscriber_id where s.email = 'pause@example.org'", LocalDateTime.class);
    assertThat(Duration.between(LocalDateTime.now(ZoneOffset.UTC), until).toDays()).isBetween(27L, 28L);
    RunSummary week1 = fx.runs().run(TrackingFixture.CAMPAIGN, TrackingFixture.DAY_ZERO.plus(Duration.ofDays(7)));
    assertThat(week1.deferred()).isEqualTo(1);
    assertThat(fx.received("pause@example.org")).hasSize(1);
  }

  @Test
  void refusesAPauseOutsideOneToFourWeeks() throws Exception {
    MimeMessage welcome = fx.welcome("longpause@example.org");
    HttpResponse<String> page = fx.postForm(TrackingFixture.first(TrackingFixture.urls(welcome), "/p/"), "action=pause&weeks=52");
    assertThat(page.body()).contains("1 to 4 weeks");
    assertThat(jdbc.queryForObject("select count(*) from enrollments where paused_until is not null", Long.class)).isZero();
  }

  @Test
  void leavingTheSeriesStopsItButKeepsTheSubscription() throws Exception {
    MimeMessage welcome = fx.welcome("leave@example.org");

    fx.postForm(TrackingFixture.first(TrackingFixture.urls(welcome), "/p/"), "action=leave-series");

    assertThat(jdbc.queryForObject("select e.state from enrollments e join subscribers s on s.id = e.subscriber_id"
        + " where s.email = 'leave@example.org'", String.class)).isEqualTo("UNSUBSCRIBED");
    assertThat(row("leave@example.org")).contains("ACTIVE");
    fx.runs().run(TrackingFixture.CAMPAIGN, TrackingFixture.DAY_ZERO.plus(Duration.ofDays(7)));
    assertThat(fx.received("leave@example.org")).hasSize(1);
  }

  @Test
  void unsubscribingFromEverythingSuppressesTheAddress() throws Exception {
    MimeMessage welcome = fx.welcome("all@example.org");

    HttpResponse<String> page = fx.postForm(TrackingFixture.first(TrackingFixture.urls(welcome), "/p/"), "action=unsubscribe");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("unsubscribed from all our emails");
    assertThat(row("all@example.org")).contains("UNSUBSCRIBED");
    assertThat(jdbc.queryForObject("select reason from suppressions where email = 'all@example.org'", String.class))
        .isEqualTo("UNSUBSCRIBED");
  }

  @Test
  void aNewFirstNameIsSavedAndShownEscaped() throws Exception {
    MimeMessage welcome = fx.welcome("rename@example.org");

    HttpResponse<String> page = fx.postForm(TrackingFixture.first(TrackingFixture.urls(welcome), "/p/"),
        "action=rename&firstName=" + java.net.URLEncoder.encode("<b>Zo\"é</b>\r\nBcc: x", java.nio.charset.StandardCharsets.UTF_8));

    assertThat(jdbc.queryForObject("select first_name from subscribers where email = 'rename@example.org'", String.class))
        .isEqualTo("<b>Zo\"é</b> Bcc: x");
    assertThat(page.body()).contains("value=\"&lt;b&gt;Zo&quot;é&lt;/b&gt; Bcc: x\"").doesNotContain("<b>Zo");
  }

  /** Issue 13: decodes to "Eve\r\nBcc: bcc-ewb@evil.test" in a client that decodes what it is given. */
  static final String SMUGGLED = "=?utf-8?b?RXZlDQpCY2M6IGJjYy1ld2JAZXZpbC50ZXN0?=";

  @Test
  void anEncodedWordImportedAsANameReachesTheInboxAsLiteralText() throws Exception {
    // given a subscriber imported with the smuggling payload as first name
    java.nio.file.Path csv = tmp.resolve("smuggled.csv");
    java.nio.file.Files.writeString(csv, "email,first_name,tags\nsmuggled@example.org," + SMUGGLED + ",working-mom\n");
    assertThat(fx.importer().importFile(csv, "test").rejected()).isZero();

    // when the welcome (whose subject prints the name) is sent
    MimeMessage welcome = fx.send("smuggled@example.org");

    // then the client decodes the name and the subject to the literal text: no Bcc, one recipient
    assertThat(welcome.getHeader("Bcc")).isNull();
    assertThat(welcome.getAllRecipients()).hasSize(1);
    assertThat(((jakarta.mail.internet.InternetAddress) welcome.getAllRecipients()[0]).getPersonal()).isEqualTo(SMUGGLED);
    assertThat(welcome.getSubject()).isEqualTo(SMUGGLED + ", you love your kids and your career");
  }

  @Test
  void anEncodedWordGivenAsNewNameOnThePreferencePageGoesOutAsLiteralText() throws Exception {
    // given a subscriber who renames themself to the payload on the preference page
    MimeMessage welcome = fx.welcome("renamed.smuggler@example.org");
    fx.postForm(TrackingFixture.first(TrackingFixture.urls(welcome), "/p/"),
        "action=rename&firstName=" + java.net.URLEncoder.encode(SMUGGLED, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(jdbc.queryForObject("select first_name from subscribers where email = 'renamed.smuggler@example.org'",
        String.class)).isEqualTo(SMUGGLED);

    // when the next email goes out a week later
    fx.runs().run(TrackingFixture.CAMPAIGN, TrackingFixture.DAY_ZERO.plus(java.time.Duration.ofDays(7)));

    // then it reads the literal text in To:, and no message gained a recipient
    java.util.List<MimeMessage> received = fx.received("renamed.smuggler@example.org");
    assertThat(received).hasSizeGreaterThan(1);
    MimeMessage next = received.get(received.size() - 1);
    assertThat(next.getHeader("Bcc")).isNull();
    assertThat(next.getAllRecipients()).hasSize(1);
    assertThat(((jakarta.mail.internet.InternetAddress) next.getAllRecipients()[0]).getPersonal()).isEqualTo(SMUGGLED);
  }

  @Test
  void turningTrackingOffMarksTheSubscriber() throws Exception {
    MimeMessage welcome = fx.welcome("notrack@example.org");

    HttpResponse<String> page = fx.postForm(TrackingFixture.first(TrackingFixture.urls(welcome), "/p/"), "action=tracking&tracking=off");

    assertThat(page.body()).contains("Turn tracking back on");
    assertThat(jdbc.queryForObject("select tracking_opt_out from subscribers where email = 'notrack@example.org'",
        Boolean.class)).isTrue();
  }

  @Test
  void theWebViewRendersTheSameMessageWithoutAPixel() throws Exception {
    // given a welcome
    MimeMessage welcome = fx.welcome("web@example.org");
    // (SMTP transport turns line ends into CRLF)
    String email = TrackingFixture.html(welcome).replace("\r\n", "\n");

    // when "view in browser" is opened
    HttpResponse<String> page = fx.get(TrackingFixture.first(TrackingFixture.urls(welcome), "/v/"), TrackingFixture.FIREFOX);

    // then it is the email's HTML, with the same tracked links but no pixel or honeypot, behind a strict CSP
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'");
    assertThat(page.body()).doesNotContain("/t/o/").contains("Zoë");
    String withoutTrackers = email.replaceAll("<img src=\"[^\"]*/t/o/[^>]*>", "")
        .replaceAll("<a href=\"[^\"]*\\.0\\.[^\"]*\" style=\"display:none;\"[^>]*></a>", "");
    assertThat(page.body().replace("\r\n", "\n")).isEqualTo(withoutTrackers);
  }

  String row(String email) {
    return jdbc.queryForList("select first_name, status, tracking_opt_out, updated_at from subscribers where email = ?",
        email).toString() + jdbc.queryForList("select count(*) from suppressions where email = ?", email);
  }
}
