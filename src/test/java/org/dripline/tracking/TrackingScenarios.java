package org.dripline.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dripline.run.DripRuns;
import org.dripline.run.RunSummary;
import org.dripline.subscriber.importing.SubscriberImporter;
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
 * Opens, clicks and one-click unsubscribe over real HTTP (Spring Boot on a random port, the
 * JDK's HTTP client without cookies or redirects), on messages really sent through GreenMail.
 * {@link TrackingIntegrationTests} runs these on H2, {@link TrackingMySqlIntegrationTests} over
 * Connector/J against MariaDB.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
abstract class TrackingScenarios {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void smtpServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
  }

  @Autowired
  DripRuns runs;
  @Autowired
  SubscriberImporter importer;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  EventWriter eventWriter;
  @Autowired
  TokenSigner signer;
  @LocalServerPort
  int port;
  @TempDir
  Path tmp;
  TrackingFixture fx;

  @BeforeEach
  void fixture() {
    fx = new TrackingFixture(runs, importer, jdbc, smtp, tmp, port);
  }

  @Test
  void everyMessageCarriesOneClickUnsubscribeHeadersThatMatchItsFooterLink() throws Exception {
    // given a welcome sent to a subscriber
    MimeMessage welcome = fx.welcome("headers@example.org");

    // then List-Unsubscribe names the footer's signed URL and a mailto, and announces one-click
    String unsubscribe = TrackingFixture.first(TrackingFixture.urls(welcome), "/u/");
    assertThat(welcome.getHeader("List-Unsubscribe")).containsExactly(
        "<" + unsubscribe + ">, <mailto:unsubscribe@dripline.example?subject=unsubscribe-"
            + unsubscribe.substring(unsubscribe.lastIndexOf('/') + 1) + ">");
    assertThat(welcome.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
    assertThat(TrackingFixture.text(welcome)).contains(unsubscribe);
  }

  @Test
  void rewritesEveryWebLinkButTheSubscribersOwnLinksAndAddsAPixel() throws Exception {
    // given a welcome
    MimeMessage welcome = fx.welcome("links@example.org");
    List<String> urls = TrackingFixture.urls(welcome);

    // then every http(s) link is ours: tracked clicks, or the unsubscribe, preferences and web-view links
    assertThat(urls).filteredOn(u -> u.startsWith("http")).allMatch(u -> u.startsWith(TrackingFixture.BASE + "/"));
    assertThat(urls).filteredOn(u -> u.startsWith(TrackingFixture.BASE + "/t/c/")).hasSizeGreaterThanOrEqualTo(2);
    assertThat(urls).filteredOn(u -> u.startsWith(TrackingFixture.BASE + "/t/o/")).hasSize(1);
    assertThat(urls).filteredOn(u -> u.matches(".*/(u|p|v)/.*")).hasSize(3);
    long links = jdbc.queryForObject("select count(*) from links where step_id = 'welcome'", Long.class);
    assertThat(links).isPositive();
  }

  @Test
  void thePixelReturnsAnImageAndRecordsOneHumanOpen() throws Exception {
    // given a welcome sent an hour ago
    MimeMessage welcome = fx.welcome("open@example.org");
    long delivery = fx.deliveryId(welcome);
    fx.sentAnHourAgo(delivery);

    // when a browser loads the pixel
    HttpResponse<String> pixel = fx.get(TrackingFixture.first(TrackingFixture.urls(welcome), "/t/o/"), TrackingFixture.FIREFOX);

    // then it gets a GIF and one human open is recorded, without the user agent itself
    assertThat(pixel.statusCode()).isEqualTo(200);
    assertThat(pixel.headers().firstValue("Content-Type")).hasValue("image/gif");
    assertThat(pixel.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    assertThat(events(delivery)).containsExactly(Map.of("TYPE", "OPEN", "MACHINE", false, "USER_AGENT_CLASS", "browser"));
  }

  @Test
  void aClickRedirectsToTheOriginalUrlFromTheLinkTableAndRecordsOneClick() throws Exception {
    // given a welcome sent an hour ago
    MimeMessage welcome = fx.welcome("click@example.org");
    long delivery = fx.deliveryId(welcome);
    fx.sentAnHourAgo(delivery);
    String tracked = TrackingFixture.urls(welcome).stream().filter(u -> u.startsWith(TrackingFixture.BASE + "/t/c/"))
        .filter(u -> !u.contains(".0.")).findFirst().orElseThrow();
    long linkId = Long.parseLong(tracked.split("\\.")[2]);
    String original = jdbc.queryForObject("select url from links where id = ?", String.class, linkId);

    // when the reader clicks it, with a query string that tries to name another target
    HttpResponse<String> click = fx.get(tracked + "?url=https://evil.example/&next=https://evil.example/",
        TrackingFixture.FIREFOX);

    // then the redirect goes to the stored URL, the text part carries the same tracked link (not the
    // original), and one click is recorded
    assertThat(click.statusCode()).isEqualTo(302);
    assertThat(click.headers().allValues("Location")).containsExactly(original);
    assertThat(TrackingFixture.text(welcome)).contains(tracked).doesNotContain(original);
    assertThat(events(delivery)).containsExactly(Map.of("TYPE", "CLICK", "MACHINE", false, "USER_AGENT_CLASS", "browser"));
  }

  @Test
  void flagsMachineOpensAndClicksButNotALaterBrowserOrGmail() throws Exception {
    // given a welcome just sent
    MimeMessage welcome = fx.welcome("machines@example.org");
    long delivery = fx.deliveryId(welcome);
    List<String> urls = TrackingFixture.urls(welcome);
    String pixel = TrackingFixture.first(urls, "/t/o/");
    String honeypot = urls.stream().filter(u -> u.matches(".*/t/c/[^.]+\\.\\d+\\.0\\..*")).findFirst().orElseThrow();
    String link = urls.stream().filter(u -> u.matches(".*/t/c/[^.]+\\.\\d+\\.[1-9]\\d*\\..*")).findFirst().orElseThrow();

    // when a scanner clicks at once, then (an hour later) MPP, Yahoo's and Microsoft's prefetchers,
    // a HEAD probe, the honeypot and a scanner come,
    fx.get(link, TrackingFixture.FIREFOX);
    fx.sentAnHourAgo(delivery);
    fx.get(pixel, "Mozilla/5.0");
    fx.get(pixel, MachineDetectorTests.YAHOO_PROXY);
    fx.get(pixel, MachineDetectorTests.MICROSOFT_SCANNER);
    assertThat(fx.head(link, TrackingFixture.FIREFOX).statusCode()).isEqualTo(302);
    assertThat(fx.get(honeypot, TrackingFixture.FIREFOX).statusCode()).isEqualTo(204);
    fx.get(link, "Mozilla/5.0 (compatible; Barracuda Sentinel)");
    // and finally a person opens in Gmail (through Google's proxy), then in a browser, and clicks
    fx.get(pixel, MachineDetectorTests.GMAIL_PROXY);
    fx.get(pixel, TrackingFixture.FIREFOX);
    fx.get(link, TrackingFixture.FIREFOX);

    // then each machine event is flagged with its reason, and only the last three count as human
    eventWriter.flush();
    assertThat(jdbc.queryForList("select type, machine_reason from events where delivery_id = ? and machine = true"
        + " order by id", delivery)).extracting(r -> r.get("TYPE") + ":" + r.get("MACHINE_REASON")).containsExactly(
        "CLICK:TOO_SOON", "OPEN:APPLE_MPP", "OPEN:YAHOO_PROXY", "OPEN:MICROSOFT_SCANNER", "CLICK:HEAD_REQUEST",
        "CLICK:HONEYPOT", "CLICK:SCANNER_USER_AGENT");
    assertThat(jdbc.queryForList("select type from events where delivery_id = ? and machine = false order by id",
        String.class, delivery)).containsExactly("OPEN", "OPEN", "CLICK");
  }

  @Test
  void thePixelAnswersHeadLikeGetAndOtherMethodsAsBefore() throws Exception {
    // given a welcome sent an hour ago
    MimeMessage welcome = fx.welcome("methods@example.org");
    long delivery = fx.deliveryId(welcome);
    fx.sentAnHourAgo(delivery);
    String pixel = TrackingFixture.first(TrackingFixture.urls(welcome), "/t/o/");

    // when the pixel is fetched with HEAD, POST and OPTIONS
    HttpResponse<String> head = fx.head(pixel, TrackingFixture.FIREFOX);
    HttpResponse<String> post = fx.postForm(pixel, "x=1");
    HttpResponse<String> options = TrackingFixture.HTTP.send(java.net.http.HttpRequest.newBuilder(fx.local(pixel))
        .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

    // then HEAD is a GET without the body (and an open), POST a 405, OPTIONS the allowed methods; no cookie anywhere
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Type")).hasValue("image/gif");
    assertThat(head.body()).isEmpty();
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    assertThat(options.statusCode()).isEqualTo(200);
    assertThat(options.headers().firstValue("Allow")).hasValue("GET,HEAD,OPTIONS");
    assertThat(List.of(head, post, options)).allSatisfy(r -> assertThat(r.headers().map()).doesNotContainKey("set-cookie"));
    assertThat(events(delivery)).containsExactly(Map.of("TYPE", "OPEN", "MACHINE", false, "USER_AGENT_CLASS", "browser"));
  }

  @Test
  void anUnknownDeliveryOrALinkOfAnotherStepGetsThePlain404() throws Exception {
    // given a welcome, and tokens correctly signed for a delivery that does not exist and for a link of another step
    MimeMessage welcome = fx.welcome("unknown@example.org");
    long delivery = fx.deliveryId(welcome);
    fx.sentAnHourAgo(delivery);
    jdbc.update("insert into links (campaign_id, step_id, url, url_hash, created_at)"
        + " values ('working-mom-guilt', 'week-1', 'https://example.org/other', 'other-step', current_timestamp)");
    long otherStepLink = jdbc.queryForObject("select id from links where url_hash = 'other-step'", Long.class);

    // when they are requested
    List<HttpResponse<String>> responses = List.of(
        fx.get(TrackingFixture.BASE + "/t/o/" + signer.sign(Purpose.OPEN, delivery + 1_000_000, 0), TrackingFixture.FIREFOX),
        fx.get(TrackingFixture.BASE + "/t/c/" + signer.sign(Purpose.CLICK, delivery, otherStepLink), TrackingFixture.FIREFOX));

    // then both get the plain 404, and nothing is recorded
    assertThat(responses).allSatisfy(r -> {
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(r.headers().firstValue("Location")).isEmpty();
      assertThat(r.body()).isEqualTo("This link is not valid.\n");
    });
    assertThat(events(delivery)).isEmpty();
  }

  @Test
  void aTrackingOptOutGetsNoPixelAndNoRewrittenLinks() throws Exception {
    // given a subscriber who opted out of tracking before the welcome
    fx.subscribe("private@example.org");
    jdbc.update("update subscribers set tracking_opt_out = true where email = 'private@example.org'");

    // when the welcome is sent
    MimeMessage welcome = fx.send("private@example.org");

    // then its links go straight to their targets; only the subscriber's own links are ours
    List<String> urls = TrackingFixture.urls(welcome);
    assertThat(urls).noneMatch(u -> u.contains("/t/o/") || u.contains("/t/c/"));
    assertThat(urls).filteredOn(u -> u.startsWith(TrackingFixture.BASE)).hasSize(3);
    assertThat(urls).filteredOn(u -> u.startsWith("https://") && !u.startsWith(TrackingFixture.BASE)).isNotEmpty();
  }

  @Test
  void oneClickPostWithoutCookiesUnsubscribesAndTheNextRunSendsNothing() throws Exception {
    // given two subscribers with a welcome each
    MimeMessage form = fx.welcome("oneclick-form@example.org");
    MimeMessage multipart = fx.welcome("oneclick-multipart@example.org");

    // when the mailbox provider POSTs List-Unsubscribe=One-Click, urlencoded and multipart
    HttpResponse<String> a = fx.postForm(TrackingFixture.first(TrackingFixture.urls(form), "/u/"), "List-Unsubscribe=One-Click");
    HttpResponse<String> b = fx.postMultipart(TrackingFixture.first(TrackingFixture.urls(multipart), "/u/"),
        "List-Unsubscribe", "One-Click");

    // then both get 200 (never a redirect), no cookie, and are unsubscribed and suppressed
    for (HttpResponse<String> response : List.of(a, b)) {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Location")).isEmpty();
      assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
      assertThat(response.body()).contains("You are unsubscribed");
    }
    for (String email : List.of("oneclick-form@example.org", "oneclick-multipart@example.org")) {
      assertThat(jdbc.queryForObject("select status from subscribers where email = ?", String.class, email))
          .isEqualTo("UNSUBSCRIBED");
      assertThat(jdbc.queryForObject("select reason from suppressions where email = ?", String.class, email))
          .isEqualTo("UNSUBSCRIBED");
    }
    // and a second POST changes nothing more
    assertThat(fx.postForm(TrackingFixture.first(TrackingFixture.urls(form), "/u/"), "List-Unsubscribe=One-Click")
        .statusCode()).isEqualTo(200);
    assertThat(jdbc.queryForObject("select count(*) from suppressions where email = 'oneclick-form@example.org'",
        Long.class)).isOne();

    // and a week later the series sends them nothing
    RunSummary week1 = runs.run(TrackingFixture.CAMPAIGN, TrackingFixture.DAY_ZERO.plus(Duration.ofDays(7)));
    assertThat(week1.succeeded()).isTrue();
    assertThat(fx.received("oneclick-form@example.org")).hasSize(1);
    assertThat(fx.received("oneclick-multipart@example.org")).hasSize(1);
  }

  @Test
  void aMessagePlannedBeforeTheOneClickUnsubscribeIsNotSentAfterIt() throws Exception {
    // given a welcome, and week-1 already planned in the ledger
    MimeMessage welcome = fx.welcome("planned@example.org");
    long subscriber = jdbc.queryForObject("select id from subscribers where email = 'planned@example.org'", Long.class);
    java.time.LocalDateTime due = java.time.LocalDateTime.ofInstant(TrackingFixture.DAY_ZERO.plus(Duration.ofDays(7)),
        java.time.ZoneOffset.UTC);
    jdbc.update("insert into deliveries (campaign_id, step_id, subscriber_id, due_at, status, planned_at)"
        + " values ('working-mom-guilt', 'week-1', ?, ?, 'PLANNED', ?)", subscriber, due, due);

    // when the one-click POST arrives, then the run for week-1
    assertThat(fx.postForm(TrackingFixture.first(TrackingFixture.urls(welcome), "/u/"), "List-Unsubscribe=One-Click")
        .statusCode()).isEqualTo(200);
    RunSummary week1 = runs.run(TrackingFixture.CAMPAIGN, TrackingFixture.DAY_ZERO.plus(Duration.ofDays(7)));

    // then the planned message is skipped at send time, not sent
    assertThat(week1.succeeded()).isTrue();
    assertThat(jdbc.queryForObject("select status from deliveries where subscriber_id = ? and step_id = 'week-1'",
        String.class, subscriber)).isEqualTo("SKIPPED");
    assertThat(fx.received("planned@example.org")).hasSize(1);
  }

  @Test
  void getOnTheUnsubscribeUrlShowsAButtonAndChangesNothing() throws Exception {
    // given a welcome
    MimeMessage welcome = fx.welcome("scanned@example.org");
    String unsubscribe = TrackingFixture.first(TrackingFixture.urls(welcome), "/u/");

    // when a link scanner GETs (and HEADs) the unsubscribe URL
    HttpResponse<String> page = fx.get(unsubscribe, "Mozilla/5.0 (compatible; Barracuda Sentinel)");
    fx.head(unsubscribe, "Mozilla/5.0 (compatible; Barracuda Sentinel)");

    // then it sees a page whose button POSTs, and the subscriber is still subscribed
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<form method=\"post\" action=\"/u/").contains("name=\"List-Unsubscribe\" value=\"One-Click\"");
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(jdbc.queryForObject("select status from subscribers where email = 'scanned@example.org'", String.class))
        .isEqualTo("ACTIVE");
    assertThat(jdbc.queryForObject("select count(*) from suppressions where email = 'scanned@example.org'", Long.class))
        .isZero();
  }

  /** The events recorded for a delivery, once everything queued for writing is written. */
  List<Map<String, Object>> events(long delivery) {
    eventWriter.flush();
    return jdbc.queryForList("select type, machine, user_agent_class from events where delivery_id = ? order by id",
        delivery).stream().map(r -> Map.<String, Object>of("TYPE", r.get("TYPE"), "MACHINE", r.get("MACHINE"),
        "USER_AGENT_CLASS", r.get("USER_AGENT_CLASS"))).toList();
  }
}
