package org.dripline.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The public archive over real HTTP: which issues it shows, that nothing of the readers who got them reaches a
 * page or the feed, that nothing on them tracks, that the feed is valid Atom, and how it is cached.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"dripline.archive.refresh=0", "dripline.archive.title=Archive Weekly letters"})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ArchiveIntegrationTests {

  static final Path FILES = ArchiveFixture.create("archive-it");

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void isolated(DynamicPropertyRegistry registry) {
    ArchiveSending.properties(registry, smtp, FILES, "archive");
  }

  @Autowired
  ApplicationContext app;
  @Autowired
  JdbcTemplate jdbc;
  @LocalServerPort
  int port;
  final HttpClient http = HttpClient.newHttpClient();
  ArchiveSending sending;
  /** The issues go out once for the class (the context, its database and GreenMail are the class's). */
  static boolean sent;

  @BeforeEach
  void issuesWentOut() throws Exception {
    sending = ArchiveSending.of(app, smtp);
    if (sent) {
      return;
    }
    sent = true;
    sending.seedReaders(FILES);
    sending.send(ArchiveFixture.OLDER);
    sending.send(ArchiveFixture.NEWER);
    sending.send(ArchiveFixture.PRIVATE);
    sending.startThenCancel(ArchiveFixture.CANCELLED);
  }

  @Test
  void theArchiveListsOnlyArchivedIssuesWhoseSendingStartedNewestFirst() throws Exception {
    // when the archive page is read
    HttpResponse<String> page = get("/archive");

    // then it shows the two archived, sent issues, newest first, with their subjects for nobody and their dates
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("December: small wins", "November: letting go", "href=\"/archive/dec-small-wins\"",
        "href=\"/archive/nov-letting-go\"");
    assertThat(page.body()).containsPattern("<time datetime=\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\">\\d{1,2} [A-Z][a-z]+ \\d{4}</time>");
    assertThat(page.body().indexOf("December: small wins")).isLessThan(page.body().indexOf("November: letting go"));
    // and neither the unsent, the unarchived nor the cancelled one
    assertThat(page.body()).doesNotContain("January", "members only", "wrong list", ArchiveFixture.UNSENT,
        ArchiveFixture.PRIVATE, ArchiveFixture.CANCELLED);
    // and the sign-up form of their list
    assertThat(page.body()).contains("Archive Weekly", "action=\"/subscribe", "name=\"email\"", "name=\"consent\"");
  }

  @Test
  void anIssuePageShowsTheIssueForNobodyWithTheSignUpFormOfItsList() throws Exception {
    // when an archived issue is opened
    HttpResponse<String> page = get("/archive/" + ArchiveFixture.NEWER);

    // then it is the issue as nobody in particular gets it, with its untracked link and the sign-up form
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<h1 id=\"subject\">December: small wins</h1>", "<p>Hello,</p>",
        "readers in every city", "href=\"https://example.org/blog/dec-small-wins\"", "Written to .",
        "id=\"" + AnonymousCopy.ABOUT_ANCHOR + "\"", "action=\"/subscribe", "value=\"" + ArchiveFixture.LIST + "\"",
        ArchiveFixture.CONSENT.replace("&", "&amp;"));
  }

  @Test
  void unknownUnsentUnarchivedAndCancelledIssuesAreThePlain404Page() throws Exception {
    for (String id : List.of(ArchiveFixture.UNSENT, ArchiveFixture.PRIVATE, ArchiveFixture.CANCELLED, "no-such-issue",
        "NOT..AN..ID", "dec-small-wins.yaml")) {
      HttpResponse<String> page = get("/archive/" + id);
      assertThat(page.statusCode()).as(id).isEqualTo(404);
      assertThat(page.body()).as(id).contains("Not found").doesNotContain("Exception", "at org.", "Whitelabel");
    }
    // and a path into the files is refused before it reaches the archive (Tomcat: 400), and reads no file
    HttpResponse<String> traversal = get("/archive/..%2Fnewsletters%2Fdec-small-wins");
    assertThat(traversal.statusCode()).isIn(400, 404);
    assertThat(traversal.body()).doesNotContain("send_at", "Exception", "at org.");
  }

  @Test
  void noPageAndNotTheFeedCarriesAnythingOfTheReadersOrAnythingThatTracks() throws Exception {
    // given the readers got the issues, personalised and tracked
    assertThat(sending.receivedBy(ArchiveFixture.READER_EMAIL)).anyMatch(text -> text.contains(ArchiveFixture.READER_NAME)
        && text.contains(ArchiveFixture.READER_CITY) && text.contains("/t/o/") && text.contains("/t/c/"));

    // when every public page and the feed are read
    for (String path : List.of("/archive", "/archive/" + ArchiveFixture.NEWER, "/archive/" + ArchiveFixture.OLDER,
        "/archive/feed.atom")) {
      String body = get(path).body();

      // then none of them names a reader, nor holds a pixel, a tracked or signed link
      assertThat(body).as(path).doesNotContainIgnoringCase(ArchiveFixture.READER_NAME)
          .doesNotContainIgnoringCase(ArchiveFixture.READER_CITY).doesNotContainIgnoringCase("quixote")
          .doesNotContainIgnoringCase(ArchiveFixture.OTHER_NAME).doesNotContainIgnoringCase("wolkenstein")
          .doesNotContain("@example.org", "@example.net", "/t/o/", "/t/c/", "/u/", "/p/", "/v/", "<img");
    }
  }

  @Test
  void theFeedIsWellFormedValidAtomWithOneEntryPerArchivedIssue() throws Exception {
    // when the feed is read
    HttpResponse<String> feed = get("/archive/feed.atom");

    // then it is Atom, valid by RFC 4287's rules, with absolute links under the base URL
    assertThat(feed.statusCode()).isEqualTo(200);
    assertThat(feed.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("application/atom+xml"));
    Document xml = AtomChecks.parse(feed.body());
    assertThat(AtomChecks.problems(xml)).isEmpty();
    Element root = xml.getDocumentElement();
    assertThat(AtomChecks.text(root, "title")).isEqualTo("Archive Weekly letters");
    assertThat(AtomChecks.text(root, "id")).isEqualTo(ArchiveFixture.BASE + "/archive");
    assertThat(AtomChecks.children(root, "link")).anyMatch(link -> link.getAttribute("rel").equals("self")
        && link.getAttribute("href").equals(ArchiveFixture.BASE + "/archive/feed.atom"));
    List<Element> entries = AtomChecks.entries(xml);
    assertThat(AtomChecks.text(root, "updated")).isEqualTo(AtomChecks.text(entries.get(0), "updated"));
    assertThat(entries).extracting(entry -> AtomChecks.text(entry, "id"))
        .containsExactly(ArchiveFixture.BASE + "/archive/" + ArchiveFixture.NEWER,
            ArchiveFixture.BASE + "/archive/" + ArchiveFixture.OLDER);
    assertThat(entries).extracting(entry -> AtomChecks.text(entry, "title"))
        .containsExactly("December: small wins", "November: letting go");
    assertThat(AtomChecks.text(entries.get(0), "content")).contains("<p>Hello,</p>",
        "href=\"https://example.org/blog/dec-small-wins\"");
  }

  @Test
  void thePagesArePublicAndCacheableAndTheFeedAnswersNotModified() throws Exception {
    // when a page and the feed are read
    HttpResponse<String> page = get("/archive/" + ArchiveFixture.NEWER);
    HttpResponse<String> feed = get("/archive/feed.atom");

    // then both may be cached by anyone, and the page runs no script but its own hashed one
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("max-age=300, public");
    assertThat(feed.headers().firstValue("Cache-Control")).hasValue("max-age=300, public");
    assertThat(page.headers().firstValue("X-Robots-Tag")).isEmpty();
    assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
    String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(policy).contains("default-src 'none'", "script-src 'sha256-", "form-action 'self'",
        "frame-ancestors 'none'").doesNotContain("unsafe-eval").doesNotContain("script-src 'unsafe-inline'");

    // and a feed reader polling with the ETag gets 304 and no body
    String etag = feed.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(local("/archive/feed.atom")))
        .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(local(path))).build(), HttpResponse.BodyHandlers.ofString());
  }

  String local(String path) {
    return "http://127.0.0.1:" + port + path;
  }
}
