package org.dripline.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.dripline.lists.MailingList;
import org.dripline.lists.ListMemberships;
import org.dripline.signup.SignupSettings;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The lists API over real HTTP with the ops token: counts, PUT and DELETE of a membership, problem+json errors,
 * and the consent version a PUT records (the list's current one, or refused). The repository's lists plus one
 * without its own consent text and one whose text a test edits, in a copy of the lists directory.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "dripline.api.token=" + ListsApiIntegrationTests.TOKEN)
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ListsApiIntegrationTests {

  static final String TOKEN = "lists-api-test-token-0123456789";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String STORIES_CONSENT = "Yes, send me Dripline Stories Weekly, one story a week by email. I can"
      + " unsubscribe at any time with the link in every issue.";
  static final String PRODUCT_NEWS_CONSENT = "Yes, email me Dripline product news, a few times a year when something"
      + " new ships. I can unsubscribe at any time with the link in every email.";
  static final Path LISTS = lists();

  @DynamicPropertySource
  static void isolated(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:lists-api-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("dripline.lists.dir", LISTS::toString);
  }

  @LocalServerPort
  int port;
  @Autowired
  SubscriberImporter importer;
  @Autowired
  ListMemberships memberships;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  SignupSettings signup;
  @TempDir
  Path tmp;

  @Test
  void putAndDeleteChangeAMembershipAndTheListingCountsIt() throws Exception {
    // given a subscriber, and the version of the newsletter's consent text
    long id = subscriber("ann.api@example.org");
    String version = MailingList.versionOf(STORIES_CONSENT);

    // when the API puts them on the newsletter (twice: idempotent)
    HttpResponse<String> put = send("PUT", "/api/lists/stories-weekly/subscribers/Ann.Api@example.org?consentTextVersion="
        + version);
    send("PUT", "/api/lists/stories-weekly/subscribers/ann.api@example.org");
    HttpResponse<String> listed = send("GET", "/api/lists");

    // then they are subscribed with the API's consent, and the listing counts them
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(put.body()).contains("\"list\":\"stories-weekly\"", "\"email\":\"ann.api@example.org\"",
        "\"status\":\"SUBSCRIBED\",\"consentTextVersion\":\"" + version + "\",\"consentTextVersionDefaulted\":false");
    assertThat(memberships.membership(id, "stories-weekly").orElseThrow().consent())
        .isEqualTo(new ListMemberships.Consent("api", version, null));
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.body()).contains("{\"id\":\"product-news\",", "\"id\":\"stories-weekly\",\"name\":\"Dripline Stories Weekly\"")
        .contains("\"doubleOptIn\":true,\"signUpForm\":true,\"subscribed\":1,\"pending\":0,\"unsubscribed\":0,");
    // and each list names the consent its sign-up records, version next to the text it stands for
    assertThat(listed.body()).contains("\"unsubscribed\":0,\"consent\":{\"from\":\"LIST\",\"version\":\""
        + version + "\",\"text\":\"" + STORIES_CONSENT + "\"}}");

    // when the API takes them off
    HttpResponse<String> deleted = send("DELETE", "/api/lists/stories-weekly/subscribers/ann.api@example.org");

    // then the leave is recorded with its source
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(deleted.body()).contains("\"status\":\"UNSUBSCRIBED\",\"consentTextVersion\":\"" + version + "\"");
    assertThat(memberships.membership(id, "stories-weekly").orElseThrow().leftSource()).isEqualTo("api");
  }

  @Test
  void unknownListsSubscribersAndBadAddressesAreProblemsAndWriteNothing() throws Exception {
    // when the API is asked about a list or subscriber that does not exist, or an address that is none
    HttpResponse<String> noList = send("PUT", "/api/lists/nope/subscribers/ann.api@example.org");
    HttpResponse<String> noSubscriber = send("PUT", "/api/lists/stories-weekly/subscribers/nobody@example.org");
    HttpResponse<String> badEmail = send("DELETE", "/api/lists/stories-weekly/subscribers/not-an-address");
    HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
        + "/api/lists")).GET().build(), HttpResponse.BodyHandlers.ofString());

    // then each is a problem+json with its status, and nothing is written
    assertThat(noList.statusCode()).isEqualTo(404);
    assertThat(noList.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(noList.body()).contains("no such list 'nope' (known: edited-letters, product-news, series-letters, stories-weekly)");
    assertThat(noSubscriber.statusCode()).isEqualTo(404);
    assertThat(noSubscriber.body()).contains("no subscriber nobody@example.org");
    assertThat(badEmail.statusCode()).isEqualTo(400);
    assertThat(badEmail.body()).contains("'not-an-address' is not a valid email address");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(jdbc.queryForObject("select count(*) from list_subscriptions where list_id = 'nope'"
        + " or subscriber_id not in (select id from subscribers)", Long.class)).isZero();
  }

  @Test
  void aVersionThatIsNotTheListsCurrentOneIsRefusedNamingTheCurrentOneAndWritesNothing() throws Exception {
    // given a subscriber, and a client that read a list's consent version before the list's text was edited
    long id = subscriber("stale.api@example.org");
    String before = MailingList.versionOf("Yes, send me the edited letters.");
    assertThat(send("GET", "/api/lists").body()).contains("\"version\":\"" + before + "\"");
    Files.writeString(LISTS.resolve("edited-letters.yaml"), list("edited-letters", "Yes, send me the edited letters,"
        + " now twice a week."));
    String after = MailingList.versionOf("Yes, send me the edited letters, now twice a week.");

    // when the client puts the subscriber on it with the version it read, or on others with one that never was
    HttpResponse<String> stale = send("PUT", "/api/lists/edited-letters/subscribers/stale.api@example.org"
        + "?consentTextVersion=" + before);
    HttpResponse<String> invented = send("PUT", "/api/lists/stories-weekly/subscribers/stale.api@example.org"
        + "?consentTextVersion=v7");
    HttpResponse<String> seriesInvented = send("PUT", "/api/lists/series-letters/subscribers/stale.api@example.org"
        + "?consentTextVersion=v0");

    // then each is a 400 problem naming the field and the current version, and no membership is written
    assertThat(stale.statusCode()).isEqualTo(400);
    assertThat(stale.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(stale.body()).contains("\"field\":\"consentTextVersion\"", "\"currentVersion\":\"" + after + "\"",
        "'" + before + "' is not the consent text version of list 'edited-letters': the current one is '" + after + "'");
    assertThat(invented.statusCode()).isEqualTo(400);
    assertThat(invented.body()).contains("\"currentVersion\":\"" + MailingList.versionOf(STORIES_CONSENT) + "\"");
    assertThat(seriesInvented.statusCode()).isEqualTo(400);
    assertThat(seriesInvented.body()).contains("\"currentVersion\":\"" + signup.consentTextVersion() + "\"");
    assertThat(memberships.statusesOf(id)).isEmpty();

    // and the current version joins
    HttpResponse<String> current = send("PUT", "/api/lists/edited-letters/subscribers/stale.api@example.org"
        + "?consentTextVersion=" + after);
    assertThat(current.statusCode()).isEqualTo(200);
    assertThat(memberships.membership(id, "edited-letters").orElseThrow().consent())
        .isEqualTo(new ListMemberships.Consent("api", after, null));
  }

  @Test
  void aJoinWithoutAVersionRecordsTheListsCurrentOneAndSaysSo() throws Exception {
    // given a subscriber (product-news: the newsletter's counts belong to the first test)
    long id = subscriber("no.version@example.org");

    // when the API puts them on a list with its own text and on one with the series' text, naming no version
    HttpResponse<String> own = send("PUT", "/api/lists/product-news/subscribers/no.version@example.org");
    HttpResponse<String> series = send("PUT", "/api/lists/series-letters/subscribers/no.version@example.org");
    long blankId = subscriber("blank.version@example.org");
    HttpResponse<String> blank = send("PUT", "/api/lists/series-letters/subscribers/blank.version@example.org"
        + "?consentTextVersion=");

    // then each records the version the list's sign-up form would (the list's own, the series'), and answers with it
    String version = MailingList.versionOf(PRODUCT_NEWS_CONSENT);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.body()).contains("\"consentTextVersion\":\"" + version + "\",\"consentTextVersionDefaulted\":true");
    assertThat(memberships.membership(id, "product-news").orElseThrow().consent())
        .isEqualTo(new ListMemberships.Consent("api", version, null));
    assertThat(series.statusCode()).isEqualTo(200);
    assertThat(series.body()).contains("\"consentTextVersion\":\"" + signup.consentTextVersion()
        + "\",\"consentTextVersionDefaulted\":true");
    assertThat(memberships.membership(id, "series-letters").orElseThrow().consent())
        .isEqualTo(new ListMemberships.Consent("api", signup.consentTextVersion(), null));
    // and an empty version says nothing either, as in POST /api/subscribe (one rule: ConsentText.isNot)
    assertThat(blank.statusCode()).isEqualTo(200);
    assertThat(blank.body()).contains("\"consentTextVersionDefaulted\":true");
    assertThat(memberships.membership(blankId, "series-letters").orElseThrow().consent())
        .isEqualTo(new ListMemberships.Consent("api", signup.consentTextVersion(), null));
  }

  long subscriber(String email) throws Exception {
    Path csv = Files.writeString(tmp.resolve("one.csv"), "email\n" + email + "\n");
    importer.importFile(csv, "test");
    return jdbc.queryForObject("select id from subscribers where email = ?", Long.class, email);
  }

  /** The repository's lists, one without a consent text of its own, one a test edits. */
  static Path lists() {
    try {
      Path dir = Files.createTempDirectory("lists-api");
      try (var files = Files.list(Path.of("lists"))) {
        for (Path file : files.toList()) {
          Files.copy(file, dir.resolve(file.getFileName()));
        }
      }
      Files.writeString(dir.resolve("series-letters.yaml"), "id: series-letters\nname: Series Letters\n");
      Files.writeString(dir.resolve("edited-letters.yaml"), list("edited-letters", "Yes, send me the edited letters."));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String list(String id, String consent) {
    return "id: " + id + "\nname: \"" + id + "\"\nconsent: \"" + consent + "\"\n";
  }

  HttpResponse<String> send(String method, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + TOKEN).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
