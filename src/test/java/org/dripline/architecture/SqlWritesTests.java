package org.dripline.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlWritesTests {

  private static List<String> tables(String source) {
    return SqlWrites.in(source).stream().map(w -> w.verb() + " " + w.table()).toList();
  }

  @Test
  void findsEveryKindOfWriteInTextBlocksAndStringLiteralsInAnyCase() {
    // given writes in a text block, in plain literals and in upper case
    String source = """
        class X {
          static final String A = \"""
              insert into subscribers (email, status)
              values (:email, 'ACTIVE')
              \""";
          static final String B = "UPDATE Enrollments e SET state = :left WHERE campaign_id = :c";
          static final String C = "delete from suppressions";
          static final String D = "delete from subscriber_attributes where subscriber_id = :id";
          static final String E = "merge into links key (url_hash) values (:h)";
          static final String F = "insert into events select * from staged";
        }
        """;

    // when scanned
    List<String> found = tables(source);

    // then all six are found, tables lower-cased
    assertThat(found).containsExactlyInAnyOrder("insert subscribers", "update enrollments", "delete suppressions",
        "delete subscriber_attributes", "merge links", "insert events");
  }

  @Test
  void ignoresCommentsProseAndReads() {
    // given the words of SQL writes in comments, in messages and in a select
    String source = """
        /** We update subscribers when they unsubscribe, and insert into suppressions (see below). */
        class X {
          // update subscribers set status = 'X' where id = :id
          /* delete from deliveries where id = 1 */
          String a = "Could not update the subscriber, please try again";
          String b = "select * from deliveries where status = 'update'";
          String c = "Nothing to delete from the list yet.";
          char q = '"';
          String d = "insert into the queue failed";
        }
        """;

    // then nothing is a write
    assertThat(SqlWrites.in(source)).isEmpty();
  }

  @Test
  void readsLiteralsJoinedByPlusAsOneStatement() {
    // given a statement split over concatenated literals
    String source = "class X { String s = \"update subscribers \"\n      + \"set status = :s where id = :id\"; }";

    // then it is one update of subscribers, on the line it starts
    assertThat(SqlWrites.in(source)).singleElement().satisfies(w -> {
      assertThat(w.table()).isEqualTo("subscribers");
      assertThat(w.line()).isEqualTo(1);
    });
  }

  @Test
  void reportsATableNamedAtRunTimeWithoutAName() {
    // given table names filled in by String.format and by concatenation with a variable
    String source = """
        class X {
          String a = "insert into %s (id) values (:id)".formatted(table);
          String b = "delete from " + table + " where id = :id";
        }
        """;

    // then both are writes without a table, so they cannot pass as anyone's
    assertThat(tables(source)).containsExactlyInAnyOrder("insert null", "delete null");
  }

  @Test
  void countsLinesAcrossTextBlocksAndComments() {
    // given a write after a multi-line comment and a multi-line text block
    String source = "class X {\n/*\n\n*/\nString a = \"\"\"\nselect 1\nfrom dual\n\"\"\";\n"
        + "String b = \"update links set url = :u where id = :id\";\n}";

    // then its line is the one it is on
    assertThat(SqlWrites.in(source)).singleElement().extracting(SqlWrites.Write::line).isEqualTo(9);
  }
}
