package org.dripline.architecture;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One owner per table: only the module named here may INSERT, UPDATE, DELETE or MERGE a table;
 * every other module calls the owner's public API. A table written anywhere and missing here
 * fails too, so a new table gets an owner on purpose. Flyway migrations (SQL and Java) are exempt.
 */
class TableOwnershipTests {

  /** The one place that says who writes what: table to module (top-level package under org.dripline). */
  static final Map<String, String> OWNERS = Map.ofEntries(
      entry("subscribers", "subscriber"),
      entry("subscriber_attributes", "subscriber"),
      entry("subscriber_tags", "subscriber"),
      entry("suppressions", "subscriber"),
      entry("enrollments", "enrollment"),
      entry("campaign_versions", "campaign"),
      entry("campaign_lifecycle", "campaign"),
      entry("deliveries", "delivery"),
      entry("links", "tracking"),
      entry("events", "tracking"),
      entry("bounce_events", "bounce"),
      entry("generated_keys", "infra"),
      entry("send_rate_slots", "delivery"),
      entry("run_heartbeats", "run"),
      entry("webhook_tokens", "bounce"),
      entry("list_subscriptions", "lists"),
      entry("newsletter_issues", "newsletter"),
      entry("newsletter_issue_lists", "newsletter"),
      entry("newsletter_recipients", "newsletter"),
      entry("archived_issues", "archive"));

  // Spring Batch's job repository tables: written by Spring Batch only, never by our SQL.
  private static final String SPRING_BATCH = "batch_";

  static final Path SOURCES = Path.of("src", "main", "java", "org", "dripline");

  private static final Pattern PACKAGE = Pattern.compile("^package\\s+org\\.dripline(?:\\.([a-z0-9_]+))?[.;]",
      Pattern.MULTILINE);
  private static final Pattern JAVA_MIGRATION = Pattern.compile(
      "\\b(?:implements|extends)\\s+[\\w.]*\\b(?:JavaMigration|BaseJavaMigration)\\b");

  /** A SQL write found in a production source file, with the module that file belongs to. */
  record Found(Path file, String module, SqlWrites.Write write) {
  }

  @Test
  void everyTableIsWrittenOnlyByTheModuleThatOwnsIt() throws IOException {
    // given every SQL write in the production sources, migrations excluded
    List<Found> writes = productionWrites();

    // when each is checked against the ownership map
    List<String> violations = writes.stream().map(TableOwnershipTests::violation)
        .filter(v -> v != null).toList();

    // then no module writes a table it does not own, and no table is written without an owner
    assertThat(violations).as("SQL writes outside the owning module (%d):%n  %s", violations.size(),
        String.join(System.lineSeparator() + "  ", violations)).isEmpty();
  }

  @Test
  void theScanSeesEveryOwnedTableWrittenByItsOwner() throws IOException {
    // given every SQL write in the production sources
    List<Found> writes = productionWrites();

    // then each table of the map is written somewhere, so the scan still reads where the SQL lives
    Set<String> written = new TreeSet<>();
    writes.stream().filter(f -> f.write().table() != null).forEach(f -> written.add(f.write().table()));
    assertThat(written).as("tables with an owner but no write found: is the SQL still in Java string literals?")
        .containsAll(OWNERS.keySet());
  }

  @Test
  void aWriteIsAttributedToThePackageItDeclaresNotToItsDirectory() {
    // given a source in a sub-directory whose package is the module's base package
    String source = "package org.dripline.enrollment;\nclass X { String s = \"delete from enrollments where x = 1\"; }";

    // when its module is read
    String module = module(source);

    // then it is the declared package's top level
    assertThat(module).isEqualTo("enrollment");
    assertThat(module("package org.dripline;\nclass Y {}")).isEmpty();
    assertThat(module("package org.dripline.delivery.smtp;\nclass Z {}")).isEqualTo("delivery");
  }

  @Test
  void aViolationNamesTheFileTheTableAndTheOwner() {
    // given tracking writing subscribers, and someone writing a table nobody owns
    Path file = Path.of("src/main/java/org/dripline/tracking/X.java");
    SqlWrites.Write foreign = new SqlWrites.Write(7, "update", "subscribers", "update subscribers set status = 'X'");
    SqlWrites.Write unowned = new SqlWrites.Write(9, "insert", "unowned_things", "insert into unowned_things (");
    SqlWrites.Write own = new SqlWrites.Write(11, "insert", "events", "insert into events (");

    // then the first two are reported with what to do, the third is fine
    assertThat(violation(new Found(file, "tracking", foreign)))
        .contains("X.java:7", "tracking", "subscribers", "owned by subscriber");
    assertThat(violation(new Found(file, "tracking", unowned)))
        .contains("X.java:9", "unowned_things", "no owner", "TableOwnershipTests.OWNERS");
    assertThat(violation(new Found(file, "tracking", own))).isNull();
    assertThat(violation(new Found(file, "run", new SqlWrites.Write(3, "update", "batch_job_execution", "…"))))
        .contains("Spring Batch");
  }

  static List<Found> productionWrites() throws IOException {
    List<Found> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String source = Files.readString(file, StandardCharsets.UTF_8);
        if (isMigration(file, source)) {
          continue;
        }
        String module = module(source);
        SqlWrites.in(source).forEach(write -> found.add(new Found(file, module, write)));
      }
    }
    return found;
  }

  private static boolean isMigration(Path file, String source) {
    return file.toString().replace('\\', '/').contains("/db/migration/") || JAVA_MIGRATION.matcher(source).find();
  }

  /** The top-level package under org.dripline the source declares; empty for org.dripline itself. */
  static String module(String source) {
    Matcher m = PACKAGE.matcher(source);
    if (!m.find()) {
      return "";
    }
    return m.group(1) == null ? "" : m.group(1);
  }

  /** Null when the write is the owner's own; otherwise one line saying what is wrong and where. */
  static String violation(Found found) {
    SqlWrites.Write write = found.write();
    String where = found.file() + ":" + write.line() + " (module " + (found.module().isEmpty() ? "org.dripline"
        : found.module()) + ")";
    if (write.table() == null) {
      return where + ": " + write.verb() + " into a table named at run time, so its owner cannot be checked: "
          + "name the table in the SQL text [" + write.sql() + "]";
    }
    if (write.table().startsWith(SPRING_BATCH)) {
      return where + ": " + write.verb() + " " + write.table()
          + ": Spring Batch's own table, written only by Spring Batch (use JobRepository / JobOperator)";
    }
    String owner = OWNERS.get(write.table());
    if (owner == null) {
      return where + ": " + write.verb() + " " + write.table() + ", which has no owner: add it to "
          + "TableOwnershipTests.OWNERS with the one module that may write it";
    }
    if (!owner.equals(found.module())) {
      return where + ": " + write.verb() + " " + write.table() + ", owned by " + owner + ": call " + owner
          + "'s public API instead [" + write.sql() + "]";
    }
    return null;
  }
}
