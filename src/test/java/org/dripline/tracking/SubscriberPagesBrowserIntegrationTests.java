package org.dripline.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dripline.run.DripRuns;
import org.dripline.run.RunSummary;
import org.dripline.signup.SubscribeController;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.TestEnvironment;
import org.dripline.testing.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The pages a subscriber sees, in a real headless Chromium (Debian's chromium and chromium-driver,
 * installed by .ci/run): subscribe -> confirmation email -> confirm -> enrolled -> welcome ->
 * unsubscribe from the page; and the preference page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SubscriberPagesBrowserIntegrationTests {

  static final Pattern CONFIRM = Pattern.compile("http://localhost:8080/confirm/[A-Za-z0-9._-]+");
  static WebDriver browser;

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void isolated(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "browser");
  }

  @Autowired
  DripRuns runs;
  @Autowired
  SubscriberImporter importer;
  @Autowired
  JdbcTemplate jdbc;
  @LocalServerPort
  int port;
  @TempDir
  Path tmp;

  @BeforeAll
  static void startBrowser() {
    browser = HeadlessChromium.open();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void subscribeConfirmReceiveTheWelcomeAndUnsubscribeFromThePage() throws Exception {
    // given the public sign-up form
    browser.get(local("http://localhost:8080/subscribe"));
    browser.findElement(By.id("email")).sendKeys("browser.reader@example.org");
    browser.findElement(By.id("firstName")).sendKeys("Bea");
    browser.findElement(By.id("consent")).click();

    // when the reader subscribes
    browser.findElement(By.id("subscribe")).click();
    assertThat(waitFor(By.id("sent")).getText()).isEqualTo(SubscribeController.SAME_ANSWER);
    assertThat(status("browser.reader@example.org")).isEqualTo("PENDING");

    // and opens the confirmation email's link and presses the button
    String confirm = confirmLink("browser.reader@example.org");
    browser.get(local(confirm));
    assertThat(status("browser.reader@example.org")).isEqualTo("PENDING");
    browser.findElement(By.id("confirm")).click();
    assertThat(waitFor(By.id("confirmed")).getText()).isEqualTo("Subscription confirmed");

    // then the next run in their morning (the form took the browser's timezone) enrolls them and sends the welcome
    java.time.Instant morning = morningOf("browser.reader@example.org");
    RunSummary run = runs.run(TrackingFixture.CAMPAIGN, morning);
    assertThat(run.enrolled()).isEqualTo(1);
    assertThat(run.sent()).isEqualTo(1);
    MimeMessage welcome = received("browser.reader@example.org").stream()
        .filter(m -> subject(m).contains("love your kids")).findFirst().orElseThrow();
    assertThat(subject(welcome)).isEqualTo("Bea, you love your kids and your career");
    assertThat(jdbc.queryForObject("select tags.tag from subscriber_tags tags join subscribers s on s.id = tags.subscriber_id"
        + " where s.email = 'browser.reader@example.org'", String.class)).isEqualTo("working-mom");

    // when they follow the unsubscribe link of the welcome and press the button
    browser.get(local(TrackingFixture.first(TrackingFixture.urls(welcome), "/u/")));
    assertThat(status("browser.reader@example.org")).isEqualTo("ACTIVE");
    browser.findElement(By.id("unsubscribe")).click();

    // then the page confirms it, they are suppressed, and the next week's run sends them nothing
    assertThat(waitFor(By.id("done")).getText()).isEqualTo("You are unsubscribed");
    assertThat(browser.getCurrentUrl()).contains("/u/");
    assertThat(status("browser.reader@example.org")).isEqualTo("UNSUBSCRIBED");
    assertThat(jdbc.queryForObject("select reason from suppressions where email = 'browser.reader@example.org'",
        String.class)).isEqualTo("UNSUBSCRIBED");
    int before = received("browser.reader@example.org").size();
    runs.run(TrackingFixture.CAMPAIGN, morning.plus(Duration.ofDays(7)));
    assertThat(received("browser.reader@example.org")).hasSize(before);
  }

  /** The first 09:00 from day zero on the subscriber's clock (New York without one): inside the series' window. */
  java.time.Instant morningOf(String email) {
    String zone = jdbc.queryForObject("select timezone from subscribers where email = ?", String.class, email);
    java.time.ZoneId id = java.time.ZoneId.of(zone == null || zone.isBlank() ? "America/New_York" : zone);
    java.time.ZonedDateTime nine = TrackingFixture.DAY_ZERO.atZone(id).toLocalDate().atTime(9, 0).atZone(id);
    return (nine.toInstant().isBefore(TrackingFixture.DAY_ZERO) ? nine.plusDays(1) : nine).toInstant();
  }

  @Test
  void thePreferencePagePausesRenamesAndTurnsTrackingOff() throws Exception {
    // given a subscriber with a welcome
    Path csv = tmp.resolve("prefs.csv");
    Files.writeString(csv, "email,first_name,tags\nprefs.reader@example.org,Pia,working-mom\n");
    importer.importFile(csv, "test");
    runs.run(TrackingFixture.CAMPAIGN, TrackingFixture.DAY_ZERO);
    MimeMessage welcome = received("prefs.reader@example.org").get(0);
    browser.get(local(TrackingFixture.first(TrackingFixture.urls(welcome), "/p/")));
    assertThat(browser.findElement(By.id("firstName")).getAttribute("value")).isEqualTo("Pia");

    // when they pause for two weeks
    new Select(browser.findElement(By.id("weeks"))).selectByValue("2");
    browser.findElement(By.id("pause")).click();
    waitForText(By.id("message"), "This series is paused for 2 weeks.");
    assertThat(browser.findElement(By.id("status")).getText()).startsWith("This series is paused until ");

    // and change their name, and turn tracking off
    browser.findElement(By.id("firstName")).clear();
    browser.findElement(By.id("firstName")).sendKeys("Pia <3");
    browser.findElement(By.id("rename")).click();
    waitForText(By.id("message"), "Your name is saved.");
    browser.findElement(By.id("tracking")).click();
    waitForText(By.id("tracking"), "Turn tracking back on");

    // then all three are stored
    assertThat(jdbc.queryForMap("select s.first_name, s.tracking_opt_out, e.paused_until from subscribers s"
        + " join enrollments e on e.subscriber_id = s.id where s.email = 'prefs.reader@example.org'"))
        .containsEntry("FIRST_NAME", "Pia <3").containsEntry("TRACKING_OPT_OUT", true)
        .extractingByKey("PAUSED_UNTIL").isNotNull();
    assertThat(browser.findElement(By.id("firstName")).getAttribute("value")).isEqualTo("Pia <3");
  }

  String local(String url) {
    return url.replace(TrackingFixture.BASE, "http://127.0.0.1:" + port);
  }

  org.openqa.selenium.WebElement waitFor(By by) {
    return new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElements(by).stream().findFirst().orElse(null));
  }

  /** Waits for the page after a POST: the element may still be the old page's until it navigates. */
  void waitForText(By by, String text) {
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElements(by).stream()
        .anyMatch(e -> {
          try {
            return e.getText().equals(text);
          } catch (org.openqa.selenium.StaleElementReferenceException stale) {
            return false;
          }
        }));
  }

  String status(String email) {
    return jdbc.queryForObject("select status from subscribers where email = ?", String.class, email);
  }

  List<MimeMessage> received(String email) {
    return java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> TrackingFixture.to(m).equals(email)).toList();
  }

  String confirmLink(String email) throws Exception {
    List<MimeMessage> mails = await("confirmation to " + email).atMost(Duration.ofSeconds(30))
        .until(() -> received(email), received -> !received.isEmpty());
    Matcher m = CONFIRM.matcher(TrackingFixture.text(mails.get(0)));
    assertThat(m.find()).isTrue();
    return m.group();
  }

  static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
