package org.dripline.signup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dripline.lists.MailingList;
import org.dripline.lists.ListMemberships;
import org.dripline.testing.TestEnvironment;
import org.dripline.tracking.TrackingFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A list's own consent text over real HTTP: the list's page shows it, and the consent recorded for the sign-up
 * names its version; a list without one shows and records the series-wide text; a page older than the text in
 * force is refused and writes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"dripline.subscribe.max-per-client=1000", "dripline.subscribe.max-per-address=3"})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ListConsentIntegrationTests {

  static final String OWN_TEXT = "Yes, send me <Own Letters> & their news. I can leave with one click.";
  static final Pattern VERSION = Pattern.compile("name=\"consentVersion\" id=\"consent-version\" value=\"([^\"]*)\"");
  static final Pattern CONFIRM = Pattern.compile("http://localhost:8080/confirm/[A-Za-z0-9._-]+/own");
  static final Path LISTS = lists();

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void isolated(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "list-consent");
    registry.add("dripline.lists.dir", LISTS::toString);
  }

  @Autowired
  ListMemberships memberships;
  @Autowired
  SignupSettings settings;
  @Autowired
  JdbcTemplate jdbc;
  @LocalServerPort
  int port;
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void aListsPageShowsItsOwnTextAndTheRecordNamesThatTextsVersion() throws Exception {
    // when a reader opens the list's own page and signs up with the version it shows
    HttpResponse<String> page = get("/subscribe/own");
    String shown = version(page.body());
    HttpResponse<String> answer = post("email=Ola%40example.org&consent=yes&list=own&consentVersion=" + shown);

    // then the page showed the list's text, escaped, and not the series-wide one
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<span id=\"consent-text\">Yes, send me &lt;Own Letters&gt; &amp; their news."
        + " I can leave with one click.</span>").doesNotContain(settings.consentText(), "<Own Letters>");
    // and its version is the text's short hash, which both consent records name
    assertThat(shown).isEqualTo(MailingList.versionOf(OWN_TEXT)).matches("[0-9a-f]{12}");
    assertThat(answer.statusCode()).isEqualTo(200);
    long id = jdbc.queryForObject("select id from subscribers where email = 'ola@example.org'", Long.class);
    assertThat(memberships.membership(id, "own")).hasValueSatisfying(m -> assertThat(m.consent())
        .isEqualTo(new ListMemberships.Consent("FORM", shown, "127.0.0.1")));
    assertThat(jdbc.queryForObject("select consent_text_version from subscribers where id = ?", String.class, id))
        .isEqualTo(shown);

    // when the confirmation mail's button is pressed, then the membership keeps the consent it was given
    post(link(confirmation("ola@example.org")), "");
    assertThat(memberships.membership(id, "own")).hasValueSatisfying(m -> {
      assertThat(m.status()).isEqualTo(ListMemberships.Status.SUBSCRIBED);
      assertThat(m.consent().consentTextVersion()).isEqualTo(shown);
    });
  }

  @Test
  void aListWithoutItsOwnTextShowsAndRecordsTheSeriesWideOne() throws Exception {
    // when a reader signs up on the page of a list whose file has no consent text
    HttpResponse<String> page = get("/subscribe/plain");
    HttpResponse<String> answer = post("email=pia%40example.org&consent=yes&list=plain&consentVersion="
        + version(page.body()));

    // then the page showed the series-wide text and the record names its configured version
    assertThat(page.body()).contains("<span id=\"consent-text\">" + escaped(settings.consentText()) + "</span>");
    assertThat(answer.statusCode()).isEqualTo(200);
    long id = jdbc.queryForObject("select id from subscribers where email = 'pia@example.org'", Long.class);
    assertThat(memberships.membership(id, "plain")).hasValueSatisfying(m -> {
      assertThat(m.status()).isEqualTo(ListMemberships.Status.SUBSCRIBED);
      assertThat(m.consent().consentTextVersion()).isEqualTo(settings.consentTextVersion());
    });
  }

  @Test
  void aPageOlderThanTheTextInForceIsRefusedWritesNothingAndShowsTheNewText() throws Exception {
    // given a reader who opened the page, and the list's text edited before they sent it
    write("edited", "Yes, email me the edited list.");
    String old = version(get("/subscribe/edited").body());
    write("edited", "Yes, email me the edited list, and its partners' offers.");

    // when the form is sent with the version it showed
    HttpResponse<String> refused = post("email=eve%40example.org&consent=yes&list=edited&consentVersion=" + old);

    // then it is refused with the new text to read, and nothing is written
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("The consent text has changed since this page was loaded.",
        "Yes, email me the edited list, and its partners&#39; offers.");
    String current = version(refused.body());
    assertThat(current).isNotEqualTo(old).isEqualTo(MailingList.versionOf(
        "Yes, email me the edited list, and its partners' offers."));
    assertThat(count("select count(*) from subscribers where email = 'eve@example.org'")).isZero();
    assertThat(count("select count(*) from list_subscriptions where list_id = 'edited'")).isZero();

    // when the reader ticks the box again under the new text, then the record names the new text
    assertThat(post("email=eve%40example.org&consent=yes&list=edited&consentVersion=" + current).statusCode())
        .isEqualTo(200);
    assertThat(jdbc.queryForObject("select consent_text_version from list_subscriptions where list_id = 'edited'",
        String.class)).isEqualTo(current);
  }

  @Test
  void theApiRecordsTheListsVersionAndRefusesAnotherOne() throws Exception {
    // when the API names a version that is not the list's, and then none
    HttpResponse<String> stale = json("{\"email\":\"api.one@example.org\",\"consent\":true,\"list\":\"own\","
        + "\"consentVersion\":\"2026-11-v1\"}");
    HttpResponse<String> plain = json("{\"email\":\"api.two@example.org\",\"consent\":true,\"list\":\"own\"}");

    // then the first is refused without a trace, and the second records the list's text version
    assertThat(stale.statusCode()).isEqualTo(400);
    assertThat(stale.body()).contains("The consent text has changed");
    assertThat(count("select count(*) from subscribers where email = 'api.one@example.org'")).isZero();
    assertThat(plain.statusCode()).isEqualTo(202);
    assertThat(jdbc.queryForObject("select ls.consent_text_version from list_subscriptions ls join subscribers s"
        + " on s.id = ls.subscriber_id where s.email = 'api.two@example.org'", String.class))
        .isEqualTo(MailingList.versionOf(OWN_TEXT));
  }

  @Test
  void aListWhoseConsentTextIsInvalidOffersNoForm() throws Exception {
    // given a list file whose consent text is empty
    Files.writeString(LISTS.resolve("broken.yaml"), "id: broken\nname: Broken\nsign_up_form: true\nconsent: \"\"\n");

    // when its page is opened and a sign-up names it, then neither finds a list, and nothing is written
    assertThat(get("/subscribe/broken").statusCode()).isEqualTo(404);
    assertThat(post("email=bo%40example.org&consent=yes&list=broken").statusCode()).isEqualTo(400);
    assertThat(count("select count(*) from subscribers where email = 'bo@example.org'")).isZero();
  }

  static Path lists() {
    try {
      Path dir = Files.createTempDirectory("list-consent");
      Files.writeString(dir.resolve("own.yaml"), """
          id: own
          name: "Own Letters"
          sign_up_form: true
          consent: "Yes, send me <Own Letters> & their news. I can leave with one click."
          """);
      Files.writeString(dir.resolve("plain.yaml"), "id: plain\nname: Plain\nsign_up_form: true\ndouble_opt_in: false\n");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(String id, String consent) throws IOException {
    Files.writeString(LISTS.resolve(id + ".yaml"), "id: " + id + "\nname: \"" + id + "\"\nsign_up_form: true\n"
        + "double_opt_in: false\nconsent: \"" + consent + "\"\n");
  }

  static String version(String page) {
    Matcher m = VERSION.matcher(page);
    assertThat(m.find()).as("the form's consent version").isTrue();
    return m.group(1);
  }

  static String escaped(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  long count(String sql) {
    return jdbc.queryForObject(sql, Long.class);
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String body) throws Exception {
    return post("http://127.0.0.1:" + port + "/subscribe", body);
  }

  HttpResponse<String> post(String url, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url.replace("http://localhost:8080", "http://127.0.0.1:" + port)))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> json(String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/subscribe"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The newest confirmation mail to this address (sent in the background). */
  static MimeMessage confirmation(String email) {
    return await("confirmation to " + email).atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(
        smtp.getReceivedMessages()).filter(m -> recipients(m).contains(email))
        .reduce((first, second) -> second).orElse(null), m -> m != null);
  }

  static String recipients(MimeMessage mail) {
    try {
      return GreenMailUtil.getAddressList(mail.getAllRecipients());
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String link(MimeMessage mail) throws Exception {
    Matcher m = CONFIRM.matcher(TrackingFixture.text(mail));
    assertThat(m.find()).as("the confirmation link").isTrue();
    return m.group();
  }
}
