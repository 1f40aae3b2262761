package org.dripline.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.dripline.lists.MailingList;
import org.dripline.testing.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A reader in a real headless Chromium (Debian's chromium and chromium-driver, installed by .ci/run): the archive
 * list, an issue as the page shows it (under its Content-Security-Policy), and a sign-up from the issue's form.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"dripline.archive.refresh=0", "dripline.subscribe.max-per-client=1000"})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ArchiveBrowserIntegrationTests {

  static final Path FILES = ArchiveFixture.create("archive-browser");
  static final String NEW_READER = "archive.browser.reader@example.org";

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void isolated(DynamicPropertyRegistry registry) {
    ArchiveSending.properties(registry, smtp, FILES, "archive-browser");
  }

  @Autowired
  ApplicationContext app;
  @Autowired
  JdbcTemplate jdbc;
  @LocalServerPort
  int port;
  static WebDriver browser;

  /** The issues go out once for the class (the context, its database and GreenMail are the class's). */
  static boolean sent;

  @BeforeEach
  void issuesWentOut() throws Exception {
    if (sent) {
      return;
    }
    sent = true;
    ArchiveSending sending = ArchiveSending.of(app, smtp);
    sending.seedReaders(FILES);
    sending.send(ArchiveFixture.OLDER);
    sending.send(ArchiveFixture.NEWER);
  }

  @BeforeAll
  static void openABrowser() {
    browser = HeadlessChromium.open();
  }

  @AfterAll
  static void closeTheBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aReaderFindsAnIssueInTheArchiveReadsItAndSignsUpFromItsPage() {
    // given the archive page
    browser.get("http://127.0.0.1:" + port + "/archive");
    assertThat(browser.findElement(By.id("title")).getText()).isEqualTo("Newsletter archive");
    assertThat(browser.findElements(By.cssSelector("#issues li a"))).extracting(WebElement::getText)
        .containsExactly("December: small wins", "November: letting go");

    // when the reader opens the newest issue
    browser.findElement(By.linkText("December: small wins")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("subject")).isEmpty());

    // then it reads as the email, for nobody, with its link to the post untracked
    assertThat(browser.findElement(By.id("subject")).getText()).isEqualTo("December: small wins");
    WebElement issue = browser.findElement(By.id("issue"));
    assertThat(issue.getText()).contains("Hello,", "this is The dec-small-wins letter for readers in every city.")
        .doesNotContain(ArchiveFixture.READER_NAME, ArchiveFixture.OTHER_NAME);
    assertThat(issue.findElement(By.linkText("Read the whole story")).getAttribute("href"))
        .isEqualTo("https://example.org/blog/dec-small-wins");
    assertThat(issue.findElements(By.tagName("img"))).isEmpty();
    // and the form's one script ran under the page's policy: it filled in the browser's time zone
    assertThat(browser.findElement(By.id("timezone")).getAttribute("value")).isNotBlank();
    // and the form's checkbox reads the list's own consent text
    assertThat(browser.findElement(By.id("consent-text")).getText()).isEqualTo(ArchiveFixture.CONSENT);

    // when the reader signs up with the issue's form
    browser.findElement(By.id("email")).sendKeys(NEW_READER);
    browser.findElement(By.id("consent")).click();
    browser.findElement(By.id("subscribe")).click();

    // then the list's sign-up page gives its usual answer, and the reader waits for confirmation on that list
    WebElement sent = new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(d -> d.findElements(By.id("sent")).stream().findFirst().orElse(null));
    assertThat(sent.getText()).contains("Archive Weekly", "confirmation email");
    assertThat(jdbc.queryForObject("select ls.status from list_subscriptions ls join subscribers s"
        + " on s.id = ls.subscriber_id where s.email = ? and ls.list_id = ?", String.class, NEW_READER,
        ArchiveFixture.LIST)).isEqualTo("PENDING");
    // and the consent recorded is the version of the list's text the form showed
    assertThat(jdbc.queryForObject("select ls.consent_text_version from list_subscriptions ls join subscribers s"
        + " on s.id = ls.subscriber_id where s.email = ?", String.class, NEW_READER))
        .isEqualTo(MailingList.versionOf(ArchiveFixture.CONSENT));
  }
}
