package org.dripline.subscriber.importing;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams RFC 4180 records one at a time (quoted fields, doubled quotes, line breaks inside
 * quotes), remembering the line each record starts on so errors can name it.
 */
public final class CsvRecords {

  static final int MAX_RECORD_CHARS = 64 * 1024;

  /** A parsed record, or a broken one with the reason. */
  public record CsvRecord(long line, List<String> fields, String error) {
  }

  private final Reader in;
  private long line = 1;
  private int pushedBack = -2;

  public CsvRecords(Reader in) {
    this.in = in;
  }

  /** The next record, or null at end of input. Blank lines are skipped. */
  public CsvRecord next() throws IOException {
    while (true) {
      int c = read();
      if (c == -1) {
        return null;
      }
      if (c == '\r' || c == '\n') {
        consumeLineEnd(c);
        continue;
      }
      unread(c);
      return record();
    }
  }

  private CsvRecord record() throws IOException {
    long start = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int total = 0;
    String error = null;
    boolean quoted = false;
    boolean fieldStart = true;
    while (true) {
      int c = read();
      if (c == -1) {
        if (quoted) {
          error = "a quoted field is never closed (missing '\"')";
        }
        fields.add(field.toString());
        return new CsvRecord(start, fields, error);
      }
      if (++total > MAX_RECORD_CHARS && error == null) {
        error = "record is longer than " + MAX_RECORD_CHARS + " characters";
      }
      if (quoted) {
        if (c == '"') {
          int next = read();
          if (next == '"') {
            append(field, '"', error);
          } else {
            quoted = false;
            unread(next);
          }
        } else {
          if (c == '\n' || (c == '\r')) {
            consumeLineEndInside(c, field, error);
          } else {
            append(field, (char) c, error);
          }
        }
        continue;
      }
      if (c == '"' && fieldStart) {
        quoted = true;
        fieldStart = false;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        fieldStart = true;
      } else if (c == '\r' || c == '\n') {
        consumeLineEnd(c);
        fields.add(field.toString());
        return new CsvRecord(start, fields, error);
      } else {
        append(field, (char) c, error);
        fieldStart = false;
      }
    }
  }

  private static void append(StringBuilder field, char c, String error) {
    if (error == null) {
      field.append(c);
    }
  }

  private void consumeLineEndInside(int c, StringBuilder field, String error) throws IOException {
    consumeLineEnd(c);
    append(field, '\n', error);
  }

  private void consumeLineEnd(int c) throws IOException {
    if (c == '\r') {
      int next = read();
      if (next != '\n') {
        unread(next);
      }
    }
    line++;
  }

  private int read() throws IOException {
    if (pushedBack != -2) {
      int c = pushedBack;
      pushedBack = -2;
      return c;
    }
    return in.read();
  }

  private void unread(int c) {
    pushedBack = c;
  }
}
