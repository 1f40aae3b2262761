package org.dripline.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.dripline.newsletter.NewsletterIssues;
import org.dripline.newsletter.ab.VariantAssignment;
import org.dripline.run.RunOptions;
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
import org.w3c.dom.Element;

/**
 * The archive shows an issue as it was sent: its file (subject, body, template) edited or deleted after the
 * send changes nothing on the pages or the feed. An issue sent before copies were kept is still rendered from
 * its file, and {@code archive: false} still withdraws an issue. {@link ArchiveAsSentIntegrationTests} runs
 * these on H2, {@link ArchiveAsSentMySqlIntegrationTests} over Connector/J against MariaDB (V16's table).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "dripline.archive.refresh=0")
@ActiveProfiles("test")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
abstract class ArchiveAsSentScenarios {

  static final String FALLBACK = "mar-before-copies";
  static final String WITHDRAWN = "apr-withdrawn";
  static final String AB = "may-ab-test";

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  /** Each concrete class has its own files (ArchiveFixture.create), which its tests edit and delete. */
  static void files(DynamicPropertyRegistry registry, Path files) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    registry.add("dripline.campaigns-dir", () -> files.resolve("campaigns").toString());
    registry.add("dripline.newsletters-dir", () -> files.resolve("newsletters").toString());
    registry.add("dripline.lists.dir", () -> files.resolve("lists").toString());
    registry.add("dripline.templates-dir", () -> files.resolve("templates").toString());
  }

  /** The concrete class's files. */
  abstract Path files();

  @Autowired
  ApplicationContext app;
  @Autowired
  JdbcTemplate jdbc;
  @LocalServerPort
  int port;
  final HttpClient http = HttpClient.newHttpClient();
  ArchiveSending sending;

  /** The readers are seeded once for the class (the context and its database are the class's). */
  @BeforeEach
  void readers() throws Exception {
    sending = ArchiveSending.of(app, smtp);
    if (jdbc.queryForObject("select count(*) from subscribers", Long.class) == 0) {
      sending.seedReaders(files());
    }
  }

  @Test
  void anIssueEditedOrDeletedAfterItsSendStillShowsAsSentOnThePagesAndTheFeed() throws Exception {
    // given the newer issue with a template of its own, and both issues sent
    write("templates/issues/december.html.ftlh", "<p>Hello,</p>\n<p>Small wins, as sent: keep a list of them.</p>\n"
        + "<p><a href=\"${links.post}\">Read the whole story</a></p>\n");
    write("templates/issues/december.txt.ftl", "Hello, small wins as sent. ${links.post}\n");
    edit(ArchiveFixture.NEWER, "template: issues/letter", "template: issues/december");
    sending.send(ArchiveFixture.OLDER);
    sending.send(ArchiveFixture.NEWER);

    // when the newer issue's subject is fixed, its file points at another body, the old body's template is
    // changed too, and the older issue's file is deleted
    edit(ArchiveFixture.NEWER, "December: small wins", "December: REWRITTEN subject");
    write("templates/issues/december.html.ftlh", "<p>Template CHANGED after the send.</p>\n");
    write("templates/issues/rewritten.html.ftlh", "<p>Body REWRITTEN after the send.</p>\n");
    write("templates/issues/rewritten.txt.ftl", "Body rewritten after the send.\n");
    edit(ArchiveFixture.NEWER, "template: issues/december", "template: issues/rewritten");
    Files.delete(files().resolve("newsletters").resolve(ArchiveFixture.OLDER + ".yaml"));

    // then the list shows both with the subjects they were sent with
    String index = get("/archive").body();
    assertThat(index).contains("December: small wins", "November: letting go",
        "href=\"/archive/" + ArchiveFixture.NEWER + "\"", "href=\"/archive/" + ArchiveFixture.OLDER + "\"")
        .doesNotContain("REWRITTEN", "CHANGED");
    // and each page is the issue as it was sent, the deleted one too
    HttpResponse<String> newer = get("/archive/" + ArchiveFixture.NEWER);
    assertThat(newer.statusCode()).isEqualTo(200);
    assertThat(newer.body()).contains("<h1 id=\"subject\">December: small wins</h1>",
        "Small wins, as sent: keep a list of them.", "href=\"https://example.org/blog/dec-small-wins\"")
        .doesNotContain("REWRITTEN", "CHANGED");
    HttpResponse<String> older = get("/archive/" + ArchiveFixture.OLDER);
    assertThat(older.statusCode()).isEqualTo(200);
    assertThat(older.body()).contains("<h1 id=\"subject\">November: letting go</h1>", "readers in every city",
        "Maya from Archive Weekly", "action=\"/subscribe");
    // and so does the feed, still valid Atom
    var feed = AtomChecks.parse(get("/archive/feed.atom").body());
    assertThat(AtomChecks.problems(feed)).isEmpty();
    Map<String, Element> entries = entriesById(feed);
    assertThat(AtomChecks.text(entries.get(ArchiveFixture.NEWER), "title")).isEqualTo("December: small wins");
    assertThat(AtomChecks.text(entries.get(ArchiveFixture.NEWER), "content"))
        .contains("Small wins, as sent: keep a list of them.").doesNotContain("REWRITTEN", "CHANGED");
    assertThat(AtomChecks.text(entries.get(ArchiveFixture.OLDER), "title")).isEqualTo("November: letting go");
    assertThat(AtomChecks.text(entries.get(ArchiveFixture.OLDER), "content")).contains("readers in every city");
  }

  @Test
  void anIssueSentWithoutAKeptCopyIsRenderedFromItsFileAsBefore() throws Exception {
    // given an issue sent before the archive kept copies (no row of its own)
    issue(FALLBACK, "March: before copies", true, "");
    sending.send(FALLBACK);
    assertThat(jdbc.update("delete from archived_issues where issue_id = ?", FALLBACK)).isEqualTo(1);

    // when its file is edited
    edit(FALLBACK, "March: before copies", "March: edited since");

    // then the archive shows the file as it is now
    assertThat(get("/archive/" + FALLBACK).body()).contains("<h1 id=\"subject\">March: edited since</h1>");

    // and once the file is gone there is nothing to show it from
    Files.delete(files().resolve("newsletters").resolve(FALLBACK + ".yaml"));
    assertThat(get("/archive/" + FALLBACK).statusCode()).isEqualTo(404);
    assertThat(get("/archive").body()).doesNotContain("March:");
  }

  @Test
  void archiveFalseStillWithdrawsASentIssueAndAnUnarchivedIssueKeepsNoCopy() throws Exception {
    // given an archived issue and an unarchived one, sent
    issue(WITHDRAWN, "April: to be withdrawn, Zoë 寄稿", true, "");
    sending.send(WITHDRAWN);
    sending.send(ArchiveFixture.PRIVATE);
    // (its copy kept whole, beyond Latin-1: MariaDB's server default)
    assertThat(get("/archive/" + WITHDRAWN).body()).contains("<h1 id=\"subject\">April: to be withdrawn, Zoë 寄稿</h1>");

    // when the archived one's file says archive: false
    edit(WITHDRAWN, "archive: true", "archive: false");

    // then it is gone from the pages and the feed, and the unarchived one was never kept
    assertThat(get("/archive/" + WITHDRAWN).statusCode()).isEqualTo(404);
    assertThat(get("/archive/feed.atom").body()).doesNotContain("April: to be withdrawn", WITHDRAWN);
    assertThat(jdbc.queryForList("select issue_id from archived_issues", String.class))
        .doesNotContain(ArchiveFixture.PRIVATE);
  }

  @Test
  void anAbTestedIssueShowsItsFirstVariantThenTheWinnerAsSent() throws Exception {
    // given an A/B test whose seed gives a reader variant b
    List<Long> readers = jdbc.queryForList("select id from subscribers order by id", Long.class);
    long chosen = 1;
    while (!someoneGetsB(chosen, readers) && chosen < 1_000) {
      chosen++;
    }
    assertThat(someoneGetsB(chosen, readers)).as("a seed under 1000 gives a reader b").isTrue();
    issue(AB, "unused", true, """
        ab:
          test_percent: 50
          window: PT1H
          metric: opens
          seed: %d
          variants:
            - { id: a, subject: "May: variant A" }
            - { id: b, subject: "May: variant B" }
        """.formatted(chosen));
    edit(AB, "send_at: 2036-01-10", "send_at: 2037-01-10"); // no other issue on the list within its window
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    // when the test goes out: the archive shows the first variant
    sending.newsletters().send(AB, t0, RunOptions.NONE, view -> { });
    assertThat(get("/archive/" + AB).body()).contains("<h1 id=\"subject\">May: variant A</h1>");

    // when b has a human open, the window closes and the rest gets the winner
    assertThat(jdbc.update("""
        insert into events (delivery_id, type, occurred_at, machine, machine_reason, user_agent_class)
        select id, 'OPEN', ?, false, null, 'browser' from deliveries where campaign_id = ? and step_id = 'b'
        """, Timestamp.from(t0.plusSeconds(600)), AB)).isPositive();
    sending.newsletters().send(AB, t0.plusSeconds(2 * 3_600), RunOptions.NONE, view -> { });
    assertThat(sending.issues().find(AB)).get().extracting(NewsletterIssues.Issue::winner).isEqualTo("b");

    // and then both variants' subjects are edited
    edit(AB, "May: variant A", "May: edited A");
    edit(AB, "May: variant B", "May: edited B");

    // then the archive shows the winner as it was sent
    assertThat(get("/archive/" + AB).body()).contains("<h1 id=\"subject\">May: variant B</h1>")
        .doesNotContain("edited");
    assertThat(jdbc.queryForObject("select step_id from archived_issues where issue_id = ?", String.class, AB))
        .isEqualTo("b");
  }

  /** Whether the seeded assignment (as the issue will make it) gives one of the readers variant b. */
  static boolean someoneGetsB(long seed, List<Long> readers) {
    VariantAssignment assignment = new VariantAssignment(seed, List.of("a", "b"), 50);
    return readers.stream().anyMatch(id -> assignment.assign(id).filter("b"::equals).isPresent());
  }

  /** An archived issue on the fixture's list, sent later than the fixture's own (so an A/B window fits). */
  void issue(String id, String subject, boolean archive, String extra) throws Exception {
    Files.writeString(files().resolve("newsletters").resolve(id + ".yaml"), """
        id: %s
        name: "The %s letter"
        from: { name: "Maya from Archive Weekly", address: "letters@dripline.example" }
        postal_address: "Archive Weekly, 100 Example Avenue"
        lists: [ archive-weekly ]
        links:
          post: https://example.org/blog/%s
        subject: "%s"
        template: issues/letter
        send_at: 2036-01-10T09:00:00Z
        archive: %s
        """.formatted(id, id, id, subject, archive) + extra);
  }

  void edit(String id, String from, String to) throws Exception {
    Path file = files().resolve("newsletters").resolve(id + ".yaml");
    String yaml = Files.readString(file);
    assertThat(yaml).contains(from);
    Files.writeString(file, yaml.replace(from, to));
  }

  void write(String relative, String text) throws Exception {
    Files.writeString(files().resolve(relative), text);
  }

  static Map<String, Element> entriesById(org.w3c.dom.Document feed) {
    return AtomChecks.entries(feed).stream().collect(Collectors.toMap(
        entry -> AtomChecks.text(entry, "id").substring(AtomChecks.text(entry, "id").lastIndexOf('/') + 1),
        entry -> entry));
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
