package org.dripline.subscriber.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** CSV import into the real schema (H2, Flyway): counts, line-numbered rejections, upserts. */
@SpringBootTest(properties = {TestEnvironment.NO_SMTP, TestEnvironment.SHARED_H2})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SubscriberImportIntegrationTests {

  /** Three valid subscribers, with non-ASCII names and a mixed-case, padded address. */
  static final String VALID_CSV = """
      email,first_name,timezone,tags,country
      zoe@example.org,Zoë,Europe/Paris,working-mom;newsletter,FR
      misaki@example.jp,美咲,Asia/Tokyo,working-mom,JP
        Athina.Papadopoulou@Example.GR  ,Αθηνά,Europe/Athens,,GR
      """;

  @Autowired
  SubscriberImporter importer;
  @Autowired
  JdbcTemplate jdbc;
  @TempDir
  Path tmp;

  @BeforeEach
  void noSubscribers() {
    // the database is shared with the other tests and classes that send nothing
    TestEnvironment.emptyTables(jdbc);
  }

  @Test
  void importsEveryRowOfAValidFile() throws IOException {
    // given a valid file of three subscribers
    Path file = write("subscribers.csv", VALID_CSV);

    // when it is imported
    ImportReport report = importer.importFile(file, "import");

    // then all three are new, active and carry their consent source, tags and attributes
    assertThat(report.imported()).isEqualTo(3);
    assertThat(report.updated()).isZero();
    assertThat(report.rejected()).isZero();
    assertThat(report.rejections()).isEmpty();
    assertThat(report.summary()).isEqualTo("imported=3 updated=0 rejected=0");
    assertThat(jdbc.queryForList("select email, timezone, status, consent_source from subscribers order by email"))
        .extracting(r -> r.get("EMAIL"), r -> r.get("TIMEZONE"), r -> r.get("STATUS"), r -> r.get("CONSENT_SOURCE"))
        .containsExactly(
            tuple("athina.papadopoulou@example.gr", "Europe/Athens", "ACTIVE", "import"),
            tuple("misaki@example.jp", "Asia/Tokyo", "ACTIVE", "import"),
            tuple("zoe@example.org", "Europe/Paris", "ACTIVE", "import"));
    assertThat(tagsOf("zoe@example.org")).containsExactly("newsletter", "working-mom");
    assertThat(tagsOf("athina.papadopoulou@example.gr")).isEmpty();
    assertThat(attributesOf("misaki@example.jp")).isEqualTo(Map.of("country", "JP"));
  }

  @Test
  void keepsNonAsciiNamesIntact() throws IOException {
    // given names in Latin with diaeresis, Japanese and Greek
    Path file = write("subscribers.csv", VALID_CSV);

    // when the file is imported
    importer.importFile(file, "import");

    // then each name reads back exactly as written
    assertThat(firstNameOf("zoe@example.org")).isEqualTo("Zoë");
    assertThat(firstNameOf("misaki@example.jp")).isEqualTo("美咲");
    assertThat(firstNameOf("athina.papadopoulou@example.gr")).isEqualTo("Αθηνά");
  }

  @Test
  void storesEmailsTrimmedAndLowerCased() throws IOException {
    // given an address typed with spaces and capitals
    Path file = write("subscribers.csv", VALID_CSV);

    // when the file is imported
    importer.importFile(file, "import");

    // then it is stored in its normal form only
    assertThat(jdbc.queryForList("select email from subscribers where lower(email) like 'athina%'", String.class))
        .containsExactly("athina.papadopoulou@example.gr");
  }

  @Test
  void reimportingTheSameFileUpdatesWithoutDuplicates() throws IOException {
    // given the file imported once
    Path file = write("subscribers.csv", VALID_CSV);
    importer.importFile(file, "import");

    // when it is imported again
    ImportReport again = importer.importFile(file, "import");

    // then every row is an update and no row is doubled
    assertThat(again.summary()).isEqualTo("imported=0 updated=3 rejected=0");
    assertThat(count("subscribers")).isEqualTo(3);
    assertThat(count("subscriber_tags")).isEqualTo(3);
    assertThat(count("subscriber_attributes")).isEqualTo(3);
  }

  @Test
  void reimportAddsTagsUpdatesAttributesAndNeverErasesWithEmptyCells() throws IOException {
    // given Zoë imported with two tags, a country and a timezone
    importer.importFile(write("subscribers.csv", VALID_CSV), "import");

    // when a later file has a new tag, a new country, an extra attribute and empty name and timezone
    ImportReport report = importer.importFile(write("update.csv", """
        email,first_name,timezone,tags,country,role
        ZOE@example.org,,,returning-from-leave,BE,designer
        misaki@example.jp,,,,,
        """), "import");

    // then tags add up, attributes change or are added, and empty cells keep what was stored
    assertThat(report.summary()).isEqualTo("imported=0 updated=2 rejected=0");
    assertThat(tagsOf("zoe@example.org")).containsExactly("newsletter", "returning-from-leave", "working-mom");
    assertThat(attributesOf("zoe@example.org")).isEqualTo(Map.of("country", "BE", "role", "designer"));
    assertThat(firstNameOf("zoe@example.org")).isEqualTo("Zoë");
    assertThat(jdbc.queryForObject("select timezone from subscribers where email = 'zoe@example.org'", String.class))
        .isEqualTo("Europe/Paris");
    assertThat(firstNameOf("misaki@example.jp")).isEqualTo("美咲");
    assertThat(tagsOf("misaki@example.jp")).containsExactly("working-mom");
    assertThat(attributesOf("misaki@example.jp")).isEqualTo(Map.of("country", "JP"));
  }

  @Test
  void reportsInvalidRowsWithTheirPhysicalLineAndImportsEveryValidRow() throws IOException {
    // given bad rows between good ones, after a note that spans lines 2 and 3 and a blank line 10
    Path file = write("mixed.csv", """
        email,first_name,timezone,tags,note
        good1@example.org,Ann,Europe/Paris,a,"two
        lines"
        not-an-email,Bob,,,
        good2@example.org,Cy,,,
        mars@example.org,Dee,Mars/Olympus,,
        short@example.org,Eve
        good3@example.org,Fay,,,
        badtag@example.org,Gil,,bad tag!,

        good4@example.org,Hal,,,
        """);

    // when it is imported
    ImportReport report = importer.importFile(file, "import");

    // then each bad row is named by file and physical line, and the four good rows are in
    assertThat(report.rejections()).containsExactly(
        file + ":4: 'not-an-email' is not a valid email address",
        file + ":6: unknown timezone 'Mars/Olympus' (use an IANA name such as Europe/Berlin)",
        file + ":7: expected 5 columns, found 2",
        file + ":9: tag 'bad tag!' is not a valid tag (letters, digits, '-', '_', '.'; at most 100)");
    assertThat(report.summary()).isEqualTo("imported=4 updated=0 rejected=4");
    assertThat(jdbc.queryForList("select email from subscribers order by email", String.class))
        .containsExactly("good1@example.org", "good2@example.org", "good3@example.org", "good4@example.org");
    assertThat(attributesOf("good1@example.org")).isEqualTo(Map.of("note", "two\nlines"));
  }

  @Test
  void rejectsAFileWithoutEmailColumnAndWritesNothing() throws IOException {
    // given a header without 'email'
    Path file = write("no-email.csv", """
        mail,first_name
        zoe@example.org,Zoë
        """);

    // when / then it is refused as a whole, naming the columns it found
    assertThatThrownBy(() -> importer.importFile(file, "import"))
        .isInstanceOf(InvalidImportException.class)
        .hasMessage(file + ":1: the header has no 'email' column (found: mail, first_name)");
    assertThat(count("subscribers")).isZero();
  }

  @Test
  void rejectsAnEmptyFileAndWritesNothing() throws IOException {
    // given an empty file
    Path file = write("empty.csv", "");

    // when / then it is refused, saying what was expected
    assertThatThrownBy(() -> importer.importFile(file, "import"))
        .isInstanceOf(InvalidImportException.class)
        .hasMessage(file + ": the file is empty; expected a header row with an 'email' column");
    assertThat(count("subscribers")).isZero();
  }

  @Test
  void rejectsADuplicateColumnAndWritesNothing() throws IOException {
    // given 'email' twice in the header, once in capitals
    Path file = write("twice.csv", """
        email,first_name,Email
        zoe@example.org,Zoë,zoe@example.org
        """);

    // when / then it is refused, naming the column
    assertThatThrownBy(() -> importer.importFile(file, "import"))
        .isInstanceOf(InvalidImportException.class)
        .hasMessage(file + ":1: column 'email' appears twice");
    assertThat(count("subscribers")).isZero();
  }

  @Test
  void rejectsAMissingFileAndWritesNothing() {
    // given a path where no file is
    Path file = tmp.resolve("nowhere.csv");

    // when / then it is refused, naming the path
    assertThatThrownBy(() -> importer.importFile(file, "import"))
        .isInstanceOf(InvalidImportException.class)
        .hasMessage(file + ": no such file");
    assertThat(count("subscribers")).isZero();
  }

  @Test
  void acceptsAByteOrderMarkBeforeTheHeader() throws IOException {
    // given the valid file as saved by a spreadsheet with a UTF-8 byte order mark
    Path file = write("bom.csv", "\uFEFF" + VALID_CSV);

    // when it is imported
    ImportReport report = importer.importFile(file, "import");

    // then the 'email' column is recognised
    assertThat(report.summary()).isEqualTo("imported=3 updated=0 rejected=0");
  }

  @Test
  void importsMoreRowsThanOneBatchCompletely() throws IOException {
    // given 1,200 subscribers, more than two 500-row batches
    String rows = IntStream.rangeClosed(1, 1200)
        .mapToObj(i -> "reader" + i + "@example.org,Reader " + i + ",Europe/Berlin,bulk,row-" + i)
        .collect(Collectors.joining("\n", "email,first_name,timezone,tags,source_row\n", "\n"));
    Path file = write("bulk.csv", rows);

    // when it is imported
    ImportReport report = importer.importFile(file, "import");

    // then every row is in, with its tag and attribute
    assertThat(report.summary()).isEqualTo("imported=1200 updated=0 rejected=0");
    assertThat(count("subscribers")).isEqualTo(1200);
    assertThat(count("subscriber_tags")).isEqualTo(1200);
    assertThat(count("subscriber_attributes")).isEqualTo(1200);
    assertThat(attributesOf("reader1200@example.org")).isEqualTo(Map.of("source_row", "row-1200"));
  }

  @Test
  void countsTheSameEmailTwiceInOneFileAsOneInsertAndOneUpdateWithLaterValuesWinning() throws IOException {
    // given the same address twice, differently typed, with changed values
    Path file = write("twice.csv", """
        email,first_name,timezone,tags,city
        ann@example.org,Ann,Europe/Paris,a,Paris
        ANN@example.org,Anna,,b,Lyon
        """);

    // when it is imported
    ImportReport report = importer.importFile(file, "import");

    // then one subscriber holds the later values, the earlier timezone and both tags
    assertThat(report.summary()).isEqualTo("imported=1 updated=1 rejected=0");
    assertThat(count("subscribers")).isEqualTo(1);
    assertThat(firstNameOf("ann@example.org")).isEqualTo("Anna");
    assertThat(jdbc.queryForObject("select timezone from subscribers where email = 'ann@example.org'", String.class))
        .isEqualTo("Europe/Paris");
    assertThat(tagsOf("ann@example.org")).containsExactly("a", "b");
    assertThat(attributesOf("ann@example.org")).isEqualTo(Map.of("city", "Lyon"));
  }

  @Test
  void countsTheSameEmailInTwoBatchesAsOneInsertAndOneUpdate() throws IOException {
    // given an address on the first row and again after 500 other rows
    String rows = IntStream.rangeClosed(1, 500)
        .mapToObj(i -> "reader" + i + "@example.org,Reader " + i)
        .collect(Collectors.joining("\n", "email,first_name\nfirst@example.org,Early\n", "\nfirst@example.org,Late\n"));
    Path file = write("across.csv", rows);

    // when it is imported
    ImportReport report = importer.importFile(file, "import");

    // then it is counted once as new and once as updated, and the later name wins
    assertThat(report.summary()).isEqualTo("imported=501 updated=1 rejected=0");
    assertThat(firstNameOf("first@example.org")).isEqualTo("Late");
  }

  @Test
  void neverReactivatesAnUnsubscribedSubscriberOnReimport() throws IOException {
    // given Zoë imported and then unsubscribed
    Path file = write("subscribers.csv", VALID_CSV);
    importer.importFile(file, "import");
    jdbc.update("update subscribers set status = 'UNSUBSCRIBED' where email = 'zoe@example.org'");

    // when the same file is imported again
    importer.importFile(file, "import");

    // then she stays unsubscribed
    assertThat(jdbc.queryForObject("select status from subscribers where email = 'zoe@example.org'", String.class))
        .isEqualTo("UNSUBSCRIBED");
  }

  @Test
  void rejectsAFileThatIsNotUtf8() throws IOException {
    // given a Latin-1 file ("Café" with a single 0xE9 byte)
    Path file = tmp.resolve("latin1.csv");
    Files.write(file, "email,first_name\ncafe@example.org,Café\n".getBytes(StandardCharsets.ISO_8859_1));

    // when / then it is refused with a hint at the encoding
    assertThatThrownBy(() -> importer.importFile(file, "import"))
        .isInstanceOf(InvalidImportException.class)
        .hasMessageStartingWith(file + ": not UTF-8 text (line 2); save the CSV as UTF-8");
    assertThat(count("subscribers")).isZero();
  }

  @Test
  void importsNothingFromAFileThatIsNotUtf8() throws IOException {
    // given three valid UTF-8 rows followed by a Latin-1 row
    Path file = tmp.resolve("half-latin1.csv");
    Files.write(file, concat(VALID_CSV.getBytes(StandardCharsets.UTF_8),
        "cafe@example.org,Café,,,FR\n".getBytes(StandardCharsets.ISO_8859_1)));

    // when it is imported
    assertThatThrownBy(() -> importer.importFile(file, "import"))
        .isInstanceOf(InvalidImportException.class)
        .hasMessageContaining("not UTF-8").hasMessageContaining("Nothing was imported");

    // then nothing was written, not even the valid rows before the bad bytes
    assertThat(count("subscribers")).isZero();
  }

  private static byte[] concat(byte[] head, byte[] tail) {
    byte[] all = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
  }

  private long count(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Long.class);
  }

  private String firstNameOf(String email) {
    return jdbc.queryForObject("select first_name from subscribers where email = ?", String.class, email);
  }

  private List<String> tagsOf(String email) {
    return jdbc.queryForList("""
        select t.tag from subscriber_tags t join subscribers s on s.id = t.subscriber_id
        where s.email = ? order by t.tag
        """, String.class, email);
  }

  private Map<String, String> attributesOf(String email) {
    return jdbc.queryForList("""
        select a.name, a.attr_value from subscriber_attributes a join subscribers s on s.id = a.subscriber_id
        where s.email = ?
        """, email).stream()
        .collect(Collectors.toMap(r -> (String) r.get("NAME"), r -> (String) r.get("ATTR_VALUE")));
  }
}
