package org.dripline.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dripline.run.DripRuns;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The three doors: the API and actuator want the token, the console wants a login, and every
 * page a subscriber or a mailbox provider reaches stays open, cookie-free and CSRF-free.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"dripline.api.token=" + WebSecurityIntegrationTests.TOKEN, "dripline.console.username=ops",
        "dripline.console.password={noop}console-secret"})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WebSecurityIntegrationTests {

  static final String TOKEN = "test-token-0123456789abcdef";
  static final Pattern ONE_CLICK = Pattern.compile("<(http://localhost:8080/u/[^>]+)>");

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void isolated(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "web-security");
  }

  @LocalServerPort
  int port;
  @Autowired
  DripRuns runs;
  @Autowired
  SubscriberImporter importer;
  @Autowired
  JdbcTemplate jdbc;
  @TempDir
  Path tmp;

  OpsHttp http;

  @BeforeEach
  void client() {
    http = OpsHttp.of(port, TOKEN);
  }

  @Test
  void theApiWithoutATokenAnswers401AsProblemJson() throws Exception {
    // when an API call carries no token
    HttpResponse<String> response = http.getWithout("/api/runs");

    // then it is refused with a problem, not a redirect to a login page
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(response.body()).contains("\"status\":401").contains("Authorization: Bearer");
    assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void theApiWithAWrongTokenOrSchemeAnswers401() throws Exception {
    assertThat(http.getWith("/api/campaigns", "Bearer " + TOKEN + "x").statusCode()).isEqualTo(401);
    assertThat(http.getWith("/api/campaigns", "Bearer ").statusCode()).isEqualTo(401);
    assertThat(http.getWith("/api/campaigns", "Basic " + TOKEN).statusCode()).isEqualTo(401);
    assertThat(http.getWith("/actuator/prometheus", "Bearer wrong").statusCode()).isEqualTo(401);
  }

  @Test
  void theApiWithTheTokenAnswers() throws Exception {
    assertThat(http.get("/api/campaigns").statusCode()).isEqualTo(200);
    assertThat(http.getWith("/api/campaigns", "bearer " + TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void healthIsPublicButItsDetailsNeedTheToken() throws Exception {
    // when anyone asks for health
    HttpResponse<String> anonymous = http.getWithout("/actuator/health");

    // then it is UP without details; with the token the database and SMTP checks show
    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(anonymous.body()).contains("\"status\":\"UP\"").doesNotContain("smtp");
    HttpResponse<String> detailed = http.get("/actuator/health");
    assertThat(detailed.body()).contains("\"db\"").contains("\"smtp\"").contains("127.0.0.1:" + smtp.getSmtp().getPort());
  }

  @Test
  void prometheusNeedsTheToken() throws Exception {
    assertThat(http.getWithout("/actuator/prometheus").statusCode()).isEqualTo(401);
    HttpResponse<String> scrape = http.get("/actuator/prometheus");
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body()).contains("dripline_ledger_backlog").contains("dripline_messages_total");
  }

  @Test
  void theConsoleWithoutASessionRedirectsToTheLoginPage() throws Exception {
    // when someone opens a console page without logging in
    HttpResponse<String> response = http.getWithout("/console/campaigns/working-mom-guilt");

    // then they are sent to the login page, which shows a form
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/login"));
    assertThat(http.getWithout("/console/login").body()).contains("id=\"username\"").contains("name=\"_csrf\"");
  }

  @Test
  void theConsoleLetsInTheConfiguredUserOnly() throws Exception {
    // when the wrong password is tried
    HttpResponse<String> wrong = http.logIn("ops", "guess");
    assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/login?error"));

    // then the right one opens the campaign list
    HttpResponse<String> right = http.logIn("ops", "console-secret");
    assertThat(right.statusCode()).isEqualTo(302);
    HttpResponse<String> list = http.getWithout("/console");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("working-mom-guilt");
    assertThat(list.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).contains("default-src 'none'"));
  }

  @Test
  void aLoginWithoutTheCsrfTokenIsRefused() throws Exception {
    http.getWithout("/console/login");
    HttpResponse<String> response = http.postForm("/console/login", "username=ops&password=console-secret");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(http.getWithout("/console").statusCode()).isEqualTo(302);
  }

  @Test
  void subscriberPagesStayPublicAndTheOneClickUnsubscribeNeedsNoCookieOrToken() throws Exception {
    // given a subscriber who got the welcome
    Files.writeString(tmp.resolve("one.csv"), "email,first_name,tags\none.click@example.org,Ona,working-mom\n");
    importer.importFile(tmp.resolve("one.csv"), "test");
    runs.run("working-mom-guilt", Instant.parse("2026-12-01T14:00:00Z")); // 09:00 in New York: window open
    MimeMessage welcome = java.util.Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> header(m, "To").contains("one.click@example.org")).findFirst().orElseThrow();
    Matcher oneClick = ONE_CLICK.matcher(header(welcome, "List-Unsubscribe"));
    assertThat(oneClick.find()).isTrue();
    String path = oneClick.group(1).replace("http://localhost:8080", "");

    // when the mailbox provider posts the one-click form: no cookie, no CSRF token, no login
    HttpResponse<String> unsubscribed = OpsHttp.of(port, "").postForm(path, "List-Unsubscribe=One-Click");

    // then it works as before, and the public pages and sign-up API answer without a token
    assertThat(unsubscribed.statusCode()).isEqualTo(200);
    assertThat(unsubscribed.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(jdbc.queryForObject("select status from subscribers where email = 'one.click@example.org'", String.class))
        .isEqualTo("UNSUBSCRIBED");
    assertThat(http.getWithout(path).statusCode()).isEqualTo(200);
    assertThat(http.getWithout("/subscribe").statusCode()).isEqualTo(200);
    assertThat(http.postJsonWithout("/api/subscribe",
        "{\"email\":\"new.reader@example.org\",\"firstName\":\"Nia\",\"consent\":true}").statusCode()).isEqualTo(202);
  }

  static String header(MimeMessage message, String name) {
    try {
      return String.join(", ", message.getHeader(name));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
