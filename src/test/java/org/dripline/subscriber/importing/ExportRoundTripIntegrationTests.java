package org.dripline.subscriber.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.dripline.subscriber.SubscriberDirectory;
import org.dripline.subscriber.SubscriberProfile;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Export, import, export gives the same bytes (issue 13): emails are never formula-guarded, a
 * guarded cell is restored exactly on import, and the state columns are recognised, never attributes.
 */
@SpringBootTest(properties = {TestEnvironment.NO_SMTP, TestEnvironment.SHARED_H2})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ExportRoundTripIntegrationTests {

  /** Cells a spreadsheet or a CSV parser finds awkward; none has blanks at its ends (import strips those). */
  static final List<String> AWKWARD = List.of("-Ann", "=1+2", "+33 6 12", "@handle", "\tTabbed", "\nleading line", "'tis",
      "'=quoted", "''-twice", "'", "''", "-5", "-5.25", "+5", "a,b", "say \"hi\"", "\"", "two\nlines", "Zoë",
      "美咲", "=?utf-8?b?RXZlDQpCY2M6IGJjYy1ld2JAZXZpbC50ZXN0?=", "😀 emoji", "-", "=", "=HYPERLINK(\"x\")", "a;b",
      "x", "Αθηνά");
  static final List<String> LOCAL_PARTS = List.of("-dash", "=eq", "+plus", "'apos", "plain", "a.b", "-5");

  @Autowired
  SubscriberImporter importer;
  @Autowired
  SubscriberExport export;
  @Autowired
  SubscriberDirectory directory;
  @Autowired
  JdbcTemplate jdbc;
  @TempDir
  Path tmp;

  @BeforeEach
  void noSubscribers() {
    TestEnvironment.emptyTables(jdbc);
  }

  @Test
  void theIssuesCasesComeBackAsThemselves() throws IOException {
    // given "-dash@example.org" named "-Ann", imported from a file written as the export writes it
    importText("email,first_name\r\n-dash@example.org," + SubscriberExport.guarded("-Ann") + "\r\n");

    // when exported and imported again, twice
    String first = exportText();
    importText(first);
    String second = exportText();
    importText(second);

    // then the email is not guarded, the same subscriber comes back with its name, and no state column became an attribute
    assertThat(first).startsWith("email,first_name,timezone,tags,lists,status,").contains("\r\n-dash@example.org,'-Ann,");
    assertThat(second).isEqualTo(first);
    assertThat(jdbc.queryForList("select email, first_name from subscribers"))
        .singleElement().satisfies(r -> assertThat(r).containsValues("-dash@example.org", "-Ann"));
    assertThat(jdbc.queryForObject("select count(*) from subscriber_attributes", Long.class)).isZero();
  }

  @Test
  void randomSubscribersWithHostileCellsRoundTripByteForByte() throws IOException {
    for (long seed = 1; seed <= 12; seed++) {
      TestEnvironment.emptyTables(jdbc);
      Random random = new Random(seed);
      // given random subscribers imported from a file in the export's own cell format
      Map<String, SubscriberProfile> expected = new LinkedHashMap<>();
      List<String> attributes = List.of("city", "note", "zz_last");
      StringBuilder csv = new StringBuilder("email,first_name,timezone,tags,lists," + String.join(",", attributes)
          + "\r\n");
      int count = 5 + random.nextInt(30);
      for (int i = 0; i < count; i++) {
        String email = pick(random, LOCAL_PARTS) + i + "@example.org";
        String name = random.nextInt(5) == 0 ? "" : pick(random, AWKWARD);
        TreeSet<String> tags = new TreeSet<>();
        for (int t = random.nextInt(3); t > 0; t--) {
          tags.add(pick(random, List.of("lead-", "news", "a.b", "x_y", "9")));
        }
        Map<String, String> values = new LinkedHashMap<>();
        // and on some of the shipped lists (lists/), written as the export writes them: ids sorted, ';'-separated
        TreeSet<String> lists = new TreeSet<>();
        for (int l = random.nextInt(3); l > 0; l--) {
          lists.add(pick(random, List.of("stories-weekly", "product-news")));
        }
        List<String> row = new ArrayList<>(List.of(email, SubscriberExport.guarded(name), "", String.join(";", tags),
            String.join(";", lists)));
        for (String attribute : attributes) {
          String value = random.nextInt(3) == 0 ? "" : pick(random, AWKWARD);
          if (!value.isEmpty()) {
            values.put(attribute, value);
          }
          row.add(SubscriberExport.guarded(value));
        }
        row.replaceAll(SubscriberExport::quoted);
        csv.append(String.join(",", row)).append("\r\n");
        expected.put(email, new SubscriberProfile(0, email, name.isEmpty() ? null : name, null, "ACTIVE", values,
            List.copyOf(tags)));
      }
      importText(csv.toString());
      assertStored(expected, "seed " + seed);

      // when exported, imported into the same database and exported again
      String first = exportText();
      importText(first);
      String second = exportText();
      // then the bytes are identical and the stored values unchanged
      assertThat(second).as("seed %d", seed).isEqualTo(first);
      assertStored(expected, "seed " + seed);

      // and imported into an empty database, the import columns come back byte for byte
      TestEnvironment.emptyTables(jdbc);
      importText(first);
      assertThat(importColumns(exportText())).as("seed %d", seed).isEqualTo(importColumns(first));
      assertStored(expected, "seed " + seed);
    }
  }

  void assertStored(Map<String, SubscriberProfile> expected, String why) {
    List<Long> ids = jdbc.queryForList("select id from subscribers", Long.class);
    Map<String, SubscriberProfile> stored = new LinkedHashMap<>();
    directory.profiles(ids).values().forEach(p -> stored.put(p.email(), p));
    assertThat(stored.keySet()).as(why).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((email, want) -> {
      SubscriberProfile got = stored.get(email);
      assertThat(got.firstName()).as(why + " " + email).isEqualTo(want.firstName());
      assertThat(got.attributes()).as(why + " " + email).isEqualTo(want.attributes());
      assertThat(got.tags()).as(why + " " + email).isEqualTo(want.tags());
    });
  }

  /** Every record without its seven state columns, re-quoted: what an import reads. */
  static List<List<String>> importColumns(String csv) throws IOException {
    CsvRecords records = new CsvRecords(new StringReader(csv));
    List<List<String>> rows = new ArrayList<>();
    for (CsvRecords.CsvRecord r = records.next(); r != null; r = records.next()) {
      rows.add(r.fields().subList(0, r.fields().size() - SubscriberExport.STATE_COLUMNS.size()));
    }
    return rows;
  }

  static String pick(Random random, List<String> values) {
    return values.get(random.nextInt(values.size()));
  }

  void importText(String csv) throws IOException {
    Path file = Files.writeString(tmp.resolve("in.csv"), csv, StandardCharsets.UTF_8);
    ImportReport report = importer.importFile(file, "import");
    assertThat(report.rejections()).isEmpty();
  }

  String exportText() throws IOException {
    StringWriter out = new StringWriter();
    export.write(out);
    return out.toString();
  }
}
