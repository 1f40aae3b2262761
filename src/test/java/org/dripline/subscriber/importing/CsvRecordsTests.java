package org.dripline.subscriber.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CsvRecords}: RFC 4180 records with the physical line each one starts on. */
class CsvRecordsTests {

  /** Every record of {@code csv}, in order, read until the end of input. */
  private static List<CsvRecords.CsvRecord> readAll(String csv) throws IOException {
    CsvRecords records = new CsvRecords(new StringReader(csv));
    List<CsvRecords.CsvRecord> all = new ArrayList<>();
    CsvRecords.CsvRecord record;
    while ((record = records.next()) != null) {
      all.add(record);
    }
    return all;
  }

  @Test
  void splitsUnquotedFieldsOnCommas() throws IOException {
    // given a header and one row
    String csv = "email,first_name\nzoe@example.org,Zoë\n";

    // when it is read
    List<CsvRecords.CsvRecord> records = readAll(csv);

    // then each line is one record of its fields
    assertThat(records).containsExactly(
        new CsvRecords.CsvRecord(1, List.of("email", "first_name"), null),
        new CsvRecords.CsvRecord(2, List.of("zoe@example.org", "Zoë"), null));
  }

  @Test
  void keepsCommasInsideQuotedFields() throws IOException {
    // given a quoted field containing commas
    String csv = "a,\"Springfield, OR, USA\",c\n";

    // when it is read
    List<CsvRecords.CsvRecord> records = readAll(csv);

    // then the commas stay in the field
    assertThat(records).singleElement().extracting(CsvRecords.CsvRecord::fields)
        .isEqualTo(List.of("a", "Springfield, OR, USA", "c"));
  }

  @Test
  void turnsDoubledQuotesIntoOneQuote() throws IOException {
    // given doubled quotes inside a quoted field, and a field that is just an escaped quote
    String csv = "\"She said \"\"hi\"\"\",\"\"\"\",\"\"\n";

    // when it is read
    List<CsvRecords.CsvRecord> records = readAll(csv);

    // then each pair is one quote, and an empty quoted field is empty
    assertThat(records).singleElement().extracting(CsvRecords.CsvRecord::fields)
        .isEqualTo(List.of("She said \"hi\"", "\"", ""));
  }

  @Test
  void keepsEmptyFieldsIncludingATrailingOne() throws IOException {
    // given empty fields in the middle and at the end
    String csv = "a,,c,\n";

    // when it is read
    List<CsvRecords.CsvRecord> records = readAll(csv);

    // then every empty field is kept
    assertThat(records).singleElement().extracting(CsvRecords.CsvRecord::fields)
        .isEqualTo(List.of("a", "", "c", ""));
  }

  @Test
  void keepsLineBreakInsideQuotesAndCountsItForTheNextRecord() throws IOException {
    // given a note spanning lines 2 and 3
    String csv = "email,note\nzoe@example.org,\"line one\nline two\"\nmisaki@example.jp,short\n";

    // when it is read
    List<CsvRecords.CsvRecord> records = readAll(csv);

    // then the note keeps its break and the next record starts on physical line 4
    assertThat(records).extracting(CsvRecords.CsvRecord::line).containsExactly(1L, 2L, 4L);
    assertThat(records.get(1).fields()).containsExactly("zoe@example.org", "line one\nline two");
    assertThat(records.get(2).fields()).containsExactly("misaki@example.jp", "short");
  }

  @Test
  void normalisesCrlfInsideQuotesToLf() throws IOException {
    // given a quoted field with a Windows line break, spanning lines 1 and 2
    String csv = "\"line one\r\nline two\",x\r\nnext,y\r\n";

    // when it is read
    List<CsvRecords.CsvRecord> records = readAll(csv);

    // then the break is one '\n' and the next record is on line 3
    assertThat(records.get(0).fields()).containsExactly("line one\nline two", "x");
    assertThat(records).extracting(CsvRecords.CsvRecord::line).containsExactly(1L, 3L);
  }

  @Test
  void readsCrlfAndLfEndingsAlike() throws IOException {
    // given CRLF, LF and a lone CR line endings mixed in one file
    String csv = "a,b\r\nc,d\ne,f\rg,h\r\n";

    // when it is read
    List<CsvRecords.CsvRecord> records = readAll(csv);

    // then no field keeps a '\r' and each ending counts one line
    assertThat(records).extracting(CsvRecords.CsvRecord::fields).containsExactly(
        List.of("a", "b"), List.of("c", "d"), List.of("e", "f"), List.of("g", "h"));
    assertThat(records).extracting(CsvRecords.CsvRecord::line).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void readsTheLastRecordWithoutATrailingLineBreak() throws IOException {
    // given a file whose last line has no line break, ending in a quoted field
    String csv = "a,b\nc,\"d\"";

    // when it is read
    List<CsvRecords.CsvRecord> records = readAll(csv);

    // then the last record is complete
    assertThat(records).extracting(CsvRecords.CsvRecord::fields).containsExactly(List.of("a", "b"), List.of("c", "d"));
    assertThat(records).allSatisfy(r -> assertThat(r.error()).isNull());
  }

  @Test
  void skipsBlankLinesButCountsThem() throws IOException {
    // given blank lines (LF and CRLF) before, between and after records
    String csv = "\na,b\n\n\r\nc,d\n\n";

    // when it is read
    List<CsvRecords.CsvRecord> records = readAll(csv);

    // then only the two records come out, on their physical lines
    assertThat(records).extracting(CsvRecords.CsvRecord::fields).containsExactly(List.of("a", "b"), List.of("c", "d"));
    assertThat(records).extracting(CsvRecords.CsvRecord::line).containsExactly(2L, 5L);
  }

  @Test
  void returnsNothingForEmptyInput() throws IOException {
    // given an empty input
    String csv = "";

    // when it is read
    List<CsvRecords.CsvRecord> records = readAll(csv);

    // then there is no record
    assertThat(records).isEmpty();
  }

  @Test
  void reportsUnterminatedQuoteAtEndOfFileWithItsStartLine() throws IOException {
    // given a quoted field opened on line 2 and never closed
    String csv = "a,b\nc,\"never closed\nmore text\nand more\n";

    // when it is read
    List<CsvRecords.CsvRecord> records = readAll(csv);

    // then the broken record is reported once, at the line where it starts
    assertThat(records).hasSize(2);
    assertThat(records.get(0).error()).isNull();
    assertThat(records.get(1).line()).isEqualTo(2L);
    assertThat(records.get(1).error()).isEqualTo("a quoted field is never closed (missing '\"')");
  }

  @Test
  void reportsARecordLongerThanTheLimit() throws IOException {
    // given a record longer than MAX_RECORD_CHARS followed by a normal one
    String csv = "x".repeat(CsvRecords.MAX_RECORD_CHARS + 1) + "\nnext,ok\n";

    // when it is read
    List<CsvRecords.CsvRecord> records = readAll(csv);

    // then the long one carries an error and reading goes on with the next line
    assertThat(records.get(0).error()).isEqualTo("record is longer than " + CsvRecords.MAX_RECORD_CHARS + " characters");
    assertThat(records.get(1)).isEqualTo(new CsvRecords.CsvRecord(2, List.of("next", "ok"), null));
  }
}
