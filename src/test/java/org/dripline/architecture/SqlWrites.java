package org.dripline.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the SQL statements that write a table in Java source text: INSERT, UPDATE, DELETE, MERGE,
 * REPLACE and TRUNCATE, in any case. Only string literals and text blocks are read (comments and
 * code never are), adjacent literals joined by {@code +} are read as one, and a phrase counts only
 * in SQL shape ({@code update x set}, {@code insert into x (}, {@code delete from x where}), so
 * prose such as "update the list" in a message is not a write.
 */
final class SqlWrites {

  /** One statement found; {@code table} is lower-case, or null when the SQL text does not name it. */
  record Write(int line, String verb, String table, String sql) {
  }

  private static final String NAME = "(?:[a-z_][a-z0-9_]*\\.)?([a-z_][a-z0-9_]*)";
  private static final String DYNAMIC = "(%s|%\\d\\$s|\\?|:[a-z_][a-z0-9_]*|\\$\\{[^}]*})";
  private static final String ALIAS = "(?:\\s+(?:as\\s+)?(?!set\\b|where\\b|using\\b|key\\b|values\\b|select\\b)[a-z_][a-z0-9_]*)?";
  private static final List<Shape> SHAPES = List.of(
      new Shape("insert", "\\binsert\\s+(?:ignore\\s+)?into\\s+", "\\s*(?:\\(|select\\b|values\\b|set\\b|$)"),
      new Shape("replace", "\\breplace\\s+into\\s+", "\\s*(?:\\(|select\\b|values\\b|set\\b|$)"),
      new Shape("update", "\\bupdate\\s+", ALIAS + "\\s+(?:set\\b|(?:inner\\s+|left\\s+)?join\\b)"),
      new Shape("delete", "\\bdelete\\s+from\\s+", ALIAS + "\\s*(?:where\\b|;|$)"),
      new Shape("merge", "\\bmerge\\s+into\\s+", ALIAS + "\\s*(?:\\(|using\\b|key\\b|values\\b)"),
      new Shape("truncate", "\\btruncate\\s+table\\s+", "\\s*(?:;|$)"));
  // A statement that ends where the literal ends, its table concatenated in from code.
  private static final Pattern OPEN_ENDED = Pattern.compile(
      "\\b(insert\\s+(?:ignore\\s+)?into|replace\\s+into|delete\\s+from|merge\\s+into|truncate\\s+table)\\s*$");

  private record Shape(String verb, Pattern named, Pattern dynamic) {
    Shape(String verb, String head, String tail) {
      this(verb, Pattern.compile(head + NAME + tail, Pattern.CASE_INSENSITIVE),
          Pattern.compile(head + DYNAMIC + tail, Pattern.CASE_INSENSITIVE));
    }
  }

  /** A string literal or text block (or several joined by {@code +}) and the line it starts on. */
  record Literal(int line, String text) {
  }

  private SqlWrites() {
  }

  static List<Write> in(String source) {
    List<Write> writes = new ArrayList<>();
    for (Literal literal : literals(source)) {
      String sql = literal.text().replaceAll("\\s+", " ").strip();
      for (Shape shape : SHAPES) {
        Matcher named = shape.named().matcher(sql);
        while (named.find()) {
          writes.add(new Write(literal.line(), shape.verb(), named.group(1).toLowerCase(Locale.ROOT), sql));
        }
        Matcher dynamic = shape.dynamic().matcher(sql);
        while (dynamic.find()) {
          writes.add(new Write(literal.line(), shape.verb(), null, sql));
        }
      }
      Matcher open = OPEN_ENDED.matcher(sql);
      if (open.find()) {
        writes.add(new Write(literal.line(), open.group(1).split("\\s+")[0].toLowerCase(Locale.ROOT), null, sql));
      }
    }
    return writes;
  }

  /** Every string literal and text block of a Java source, in order; comments and char literals skipped. */
  static List<Literal> literals(String source) {
    List<Literal> literals = new ArrayList<>();
    int line = 1;
    int previousEnd = -1;
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        int end = source.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        int stop = end < 0 ? n : end + 2;
        line += count(source, i, stop);
        i = stop;
      } else if (c == '\'') {
        i = skipQuoted(source, i + 1, "'");
      } else if (c == '"') {
        boolean block = source.startsWith("\"\"\"", i);
        String quote = block ? "\"\"\"" : "\"";
        int start = i + quote.length();
        int end = skipQuoted(source, start, quote);
        String text = source.substring(start, Math.max(start, end - quote.length()));
        if (previousEnd >= 0 && joinedByPlus(source, previousEnd, i)) {
          Literal previous = literals.remove(literals.size() - 1);
          literals.add(new Literal(previous.line(), previous.text() + text));
        } else {
          literals.add(new Literal(line, text));
        }
        line += count(source, i, end);
        previousEnd = end;
        i = end;
      } else {
        if (c == '\n') {
          line++;
        }
        i++;
      }
    }
    return literals;
  }

  /** The index just after the closing quote; a backslash escapes the next character. */
  private static int skipQuoted(String source, int from, String quote) {
    int i = from;
    while (i < source.length()) {
      if (source.charAt(i) == '\\') {
        i += 2;
      } else if (source.startsWith(quote, i)) {
        return i + quote.length();
      } else {
        i++;
      }
    }
    return source.length();
  }

  private static boolean joinedByPlus(String source, int from, int to) {
    String between = source.substring(from, to);
    return between.contains("+") && between.replace("+", "").isBlank();
  }

  private static int count(String source, int from, int to) {
    int lines = 0;
    for (int i = from; i < to && i < source.length(); i++) {
      if (source.charAt(i) == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
