package org.dripline.campaign;

/**
 * One thing wrong with a marketer's file, pointing at the place to fix it. Lines and columns are
 * 1-based like every editor's; 0 means "the whole file". Printed on one line whatever the file
 * holds: a value quoted in the message (a reply_to with a line break and a fake
 * "file:line:column: …" after it, a NUL in a template name) is shown escaped, so no problem can
 * pass for another or hide in the terminal. A {@link Severity#WARNING} prints marked
 * ({@code file:line:column: warning: …}) and does not make the file wrong: the caller cannot tell
 * whether it is a mistake (so far only a newsletter's past send_at where no database says whether
 * it went out).
 */
public record Problem(String file, int line, int column, String message, Severity severity)
    implements Comparable<Problem> {

  /** ERROR: the file must change before it is used; WARNING: it may be fine, the message says when. */
  public enum Severity { ERROR, WARNING }

  public Problem {
    severity = severity == null ? Severity.ERROR : severity;
  }

  /** An error, what nearly every check finds. */
  public Problem(String file, int line, int column, String message) {
    this(file, line, column, message, Severity.ERROR);
  }

  public boolean isWarning() {
    return severity == Severity.WARNING;
  }

  @Override
  public String toString() {
    String where = escaped(file);
    String what = (isWarning() ? "warning: " : "") + escaped(message);
    return line > 0 ? where + ":" + line + ":" + column + ": " + what : where + ": " + what;
  }

  /**
   * {@code text} with every control character (C0, DEL, C1), line or paragraph separator, and
   * bidirectional override written as an escape: {@code \n}, {@code \r}, {@code \t},
   * {@code \0}, otherwise {@code \}{@code uXXXX}.
   */
  public static String escaped(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escape = escape(c);
      if (escape != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (escape != null) {
          out.append(escape);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }

  private static String escape(char c) {
    switch (c) {
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      case '\0':
        return "\\0";
      default:
        break;
    }
    boolean hidden = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u200e' || c == '\u200f'
        || c == '\u061c' || c == '\ufeff';
    return hidden ? String.format("\\u%04X", (int) c) : null;
  }

  @Override
  public int compareTo(Problem other) {
    int byFile = file.compareTo(other.file);
    if (byFile != 0) {
      return byFile;
    }
    return line != other.line ? Integer.compare(line, other.line) : Integer.compare(column, other.column);
  }
}
