package org.dripline.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dripline.run.DripRuns;
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
import org.openqa.selenium.WebElement;
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
 * The console in a real headless Chromium (Debian's chromium and chromium-driver): log in, read a
 * campaign report whose numbers are a known fixture off the SVG chart, and preview a step.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"dripline.console.username=marketer", "dripline.console.password=" + ConsoleBrowserIntegrationTests.PASSWORD})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConsoleBrowserIntegrationTests {

  static final String PASSWORD = "browser-secret";
  static final String CAMPAIGN = "working-mom-guilt";
  /** 09:00 in New York (the readers give no timezone): inside the series' 08:00-11:00 send window. */
  static final Instant DAY_ZERO = Instant.parse("2026-12-01T14:00:00Z");
  static WebDriver browser;

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void isolated(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "console-browser");
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
  void logInReadTheChartOffTheReportAndPreviewAStep() throws Exception {
    // given three welcomes sent, two opened by people and one by a privacy proxy, one link clicked
    // by a person and the same link fetched by a scanner
    List<Long> welcomes = sendThreeWelcomes();
    event(welcomes.get(0), "OPEN", false, null);
    event(welcomes.get(1), "OPEN", false, null);
    event(welcomes.get(2), "OPEN", true, null);
    long guide = link("https://example.org/guide");
    event(welcomes.get(0), "CLICK", false, guide);
    event(welcomes.get(1), "CLICK", true, guide);

    // when the marketer opens the report, is sent to the login page and logs in
    browser.get(local("/console/campaigns/" + CAMPAIGN));
    assertThat(browser.getCurrentUrl()).endsWith("/console/login");
    browser.findElement(By.id("username")).sendKeys("marketer");
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.id("login")).click();
    waitFor(By.id("chart"));

    // then the chart has the welcome's bars with the fixture's numbers, machine events apart
    assertThat(browser.findElement(By.id("title")).getText()).isEqualTo("Let go of working mom guilt — a 6-week series");
    WebElement sent = bar("welcome", "sent");
    WebElement opens = bar("welcome", "opens");
    WebElement clicks = bar("welcome", "clicks");
    assertThat(sent.getAttribute("data-value")).isEqualTo("3");
    assertThat(opens.getAttribute("data-value")).isEqualTo("2");
    assertThat(clicks.getAttribute("data-value")).isEqualTo("1");
    assertThat(bar("welcome", "opens-machine").getAttribute("data-value")).isEqualTo("1");
    assertThat(bar("welcome", "clicks-machine").getAttribute("data-value")).isEqualTo("1");
    assertThat(bar("welcome", "opens-machine").getAttribute("class")).contains("machine");
    assertThat(height(sent)).isEqualTo(3 * height(clicks));
    assertThat(height(opens)).isEqualTo(2 * height(clicks));
    assertThat(bar("week-1", "sent").getAttribute("data-value")).isEqualTo("0");
    assertThat(label("welcome/sent")).isEqualTo("3");
    assertThat(label("welcome/opens")).isEqualTo("2");
    assertThat(label("welcome/clicks")).isEqualTo("1");
    assertThat(browser.findElements(By.cssSelector("#chart text.step")).stream().map(WebElement::getText))
        .contains("welcome", "week-1", "week-6");
    // and the table and the top links say the same
    assertThat(cells("#steps tr[data-step='welcome'] td")).containsSequence("3", "0", "0", "0", "0", "2", "1", "1", "1");
    assertThat(cells("#links tbody td")).containsExactly("welcome", "https://example.org/guide", "1", "1");
    assertThat(browser.findElement(By.id("total-sent")).getText()).isEqualTo("3");
    assertThat(browser.findElements(By.id("dev-inbox"))).as("no dev inbox: SMTP goes to GreenMail here").isEmpty();

    // when they preview the welcome for Ann on day zero
    new Select(browser.findElement(By.id("step"))).selectByValue("welcome");
    browser.findElement(By.id("subscriber")).sendKeys("ann.console@example.org");
    setDate("2026-12-01");
    browser.findElement(By.id("show-preview")).click();
    WebElement subject = waitFor(By.id("preview-subject"));

    // then it shows her subject, the text part, and the HTML part rendered in its sandboxed frame
    assertThat(subject.getText()).isEqualTo("Ann, you love your kids and your career");
    assertThat(browser.findElement(By.id("preview-text")).getText()).contains("Ann");
    WebElement frame = browser.findElement(By.id("preview-html"));
    assertThat(frame.getDomAttribute("sandbox")).isEmpty();
    browser.switchTo().frame(frame);
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("Ann").containsIgnoringCase("unsubscribe");
    browser.switchTo().defaultContent();
  }

  List<Long> sendThreeWelcomes() throws Exception {
    Path csv = tmp.resolve("console.csv");
    Files.writeString(csv, "email,first_name,tags\nann.console@example.org,Ann,working-mom\n"
        + "bo.console@example.org,Bo,working-mom\ncy.console@example.org,Cy,working-mom\n");
    importer.importFile(csv, "test");
    assertThat(runs.run(CAMPAIGN, DAY_ZERO).sent()).isEqualTo(3);
    return jdbc.queryForList("select id from deliveries where step_id = 'welcome' and status = 'SENT' order by id", Long.class);
  }

  void event(long delivery, String type, boolean machine, Long link) {
    jdbc.update("insert into events (delivery_id, type, occurred_at, link_id, machine, machine_reason, user_agent_class)"
        + " values (?, ?, current_timestamp, ?, ?, ?, ?)", delivery, type, link, machine, machine ? "fixture" : null,
        machine ? "proxy" : "browser");
  }

  long link(String url) {
    jdbc.update("insert into links (campaign_id, step_id, url, url_hash, created_at) values (?, 'welcome', ?, ?, current_timestamp)",
        CAMPAIGN, url, Integer.toHexString(url.hashCode()));
    return jdbc.queryForObject("select id from links where url = ?", Long.class, url);
  }

  /** Chromium's date input takes the keys of its locale; setting the value is locale-proof. */
  void setDate(String isoDate) {
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
        browser.findElement(By.id("date")), isoDate);
  }

  WebElement bar(String step, String series) {
    return browser.findElement(By.cssSelector("#chart rect[data-step='" + step + "'][data-series='" + series + "']"));
  }

  String label(String key) {
    return browser.findElement(By.cssSelector("#chart text.value[data-for='" + key + "']")).getText();
  }

  static int height(WebElement bar) {
    return Integer.parseInt(bar.getAttribute("height"));
  }

  List<String> cells(String selector) {
    return browser.findElements(By.cssSelector(selector)).stream().map(WebElement::getText).toList();
  }

  String local(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  WebElement waitFor(By by) {
    return new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElements(by).stream().findFirst().orElse(null));
  }
}
