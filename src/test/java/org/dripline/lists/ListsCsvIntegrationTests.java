package org.dripline.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dripline.subscriber.importing.ImportReport;
import org.dripline.subscriber.importing.SubscriberExport;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** The CSV {@code lists} column: import, export, the round trip, and an unknown list id. */
@SpringBootTest(properties = {TestEnvironment.NO_SMTP, TestEnvironment.SHARED_H2})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ListsCsvIntegrationTests {

  @Autowired
  SubscriberImporter importer;
  @Autowired
  SubscriberExport export;
  @Autowired
  ListMemberships memberships;
  @Autowired
  JdbcTemplate jdbc;
  @TempDir
  Path tmp;

  @BeforeEach
  void noSubscribers() {
    TestEnvironment.emptyTables(jdbc);
  }

  @Test
  void listsImportAsSubscribedMembershipsAndExportRoundTripsExactly() throws IOException {
    // given a file putting people on lists, one of them on both (ids in any order, with blanks)
    ImportReport report = importText("""
        email,first_name,lists\r
        ann@example.org,Ann,stories-weekly\r
        bob@example.org,Bob, product-news ; stories-weekly \r
        cy@example.org,Cy,\r
        """);

    // when exported, imported again and exported again
    String first = exportText();
    importText(first);
    String second = exportText();

    // then the memberships are stored as imported consent, the lists cells are sorted ids, and the bytes match
    assertThat(report.summary()).isEqualTo("imported=3 updated=0 rejected=0");
    assertThat(first).startsWith("email,first_name,timezone,tags,lists,status,")
        .contains("\r\nann@example.org,Ann,,,stories-weekly,ACTIVE,")
        .contains("\r\nbob@example.org,Bob,,,product-news;stories-weekly,ACTIVE,")
        .contains("\r\ncy@example.org,Cy,,,,ACTIVE,");
    assertThat(second).isEqualTo(first);
    long bob = id("bob@example.org");
    assertThat(memberships.statusesOf(bob)).containsExactly(Map.entry("product-news", ListMemberships.Status.SUBSCRIBED),
        Map.entry("stories-weekly", ListMemberships.Status.SUBSCRIBED));
    assertThat(memberships.membership(bob, "stories-weekly").orElseThrow().consent())
        .isEqualTo(new ListMemberships.Consent("import", "import", null));
  }

  @Test
  void anUnknownListRejectsItsRowWithTheLineNumberAndWritesNothingOfIt() throws IOException {
    // given a file whose third line names a list that does not exist
    ImportReport report = importText("""
        email,lists\r
        ok@example.org,stories-weekly\r
        typo@example.org,stories-weekly;storeis-weekly\r
        """);

    // then that row is rejected with its line and the known lists, and neither the subscriber nor any membership is written
    assertThat(report.summary()).isEqualTo("imported=1 updated=0 rejected=1");
    assertThat(report.rejections()).containsExactly(tmp.resolve("in.csv") + ":3: unknown list 'storeis-weekly' in column"
        + " 'lists' (known: product-news, stories-weekly)");
    assertThat(jdbc.queryForList("select email from subscribers", String.class)).containsExactly("ok@example.org");
    assertThat(jdbc.queryForObject("select count(*) from list_subscriptions", Long.class)).isOne();
  }

  @Test
  void reimportingAnOldExportDoesNotPutBackSomeoneWhoLeftTheList() throws IOException {
    // given an export taken while Ann was on the list, and Ann leaving the list afterwards
    importText("email,lists\r\nann@example.org,stories-weekly\r\n");
    String old = exportText();
    memberships.leave(id("ann@example.org"), "stories-weekly", "one-click", Instant.parse("2026-12-03T00:00:00Z"));

    // when the old export is imported again
    importText(old);

    // then Ann stays off the list, and the next export says so
    assertThat(memberships.statusesOf(id("ann@example.org")))
        .containsExactly(Map.entry("stories-weekly", ListMemberships.Status.UNSUBSCRIBED));
    assertThat(exportText()).contains("\r\nann@example.org,,,,,ACTIVE,");
  }

  long id(String email) {
    return jdbc.queryForObject("select id from subscribers where email = ?", Long.class, email);
  }

  ImportReport importText(String csv) throws IOException {
    Path file = Files.writeString(tmp.resolve("in.csv"), csv, StandardCharsets.UTF_8);
    return importer.importFile(file, "import");
  }

  String exportText() throws IOException {
    StringWriter out = new StringWriter();
    export.write(out);
    return out.toString();
  }
}
