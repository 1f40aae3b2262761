package org.dripline.tracking;

import java.util.function.Function;

/**
 * Finds the http(s) URLs of a plain-text part so they can be tracked like the HTML part's: a
 * reader of the text part (or a client that shows only it) then counts as a click, and click
 * conditions see them. Same single-pass scan as {@link HtmlLinks}, no regex: it runs per message.
 */
final class TextLinks {

  private TextLinks() {
  }

  /**
   * {@code rewrite} gets each URL and returns its replacement, or null to keep it. A URL starts
   * with {@code http://} or {@code https://} (any case) not glued to a word, runs to the next blank
   * or {@code < > "}, and leaves trailing sentence punctuation ({@code . , ; : ! ? ) ] ' ’ ”}) outside.
   */
  static String rewriteUrls(String text, Function<String, String> rewrite) {
    StringBuilder out = null;
    int copied = 0;
    int length = text.length();
    for (int at = text.indexOf("http", 0); at >= 0; at = text.indexOf("http", at + 1)) {
      if (at > 0 && isUrlChar(text.charAt(at - 1))) {
        continue;
      }
      int schemeEnd = schemeEnd(text, at);
      if (schemeEnd < 0) {
        continue;
      }
      int end = schemeEnd;
      while (end < length && !isStop(text.charAt(end))) {
        end++;
      }
      while (end > schemeEnd && isTrailingPunctuation(text.charAt(end - 1))) {
        end--;
      }
      if (end == schemeEnd) {
        continue;
      }
      String url = rewrite.apply(text.substring(at, end));
      if (url != null) {
        if (out == null) {
          out = new StringBuilder(length + 512);
        }
        out.append(text, copied, at).append(url);
        copied = end;
      }
      at = end - 1;
    }
    return out == null ? text : out.append(text, copied, length).toString();
  }

  /** Just after "http://" or "https://" at {@code at} (any case), or -1. */
  private static int schemeEnd(String text, int at) {
    if (text.regionMatches(true, at, "https://", 0, 8)) {
      return at + 8;
    }
    if (text.regionMatches(true, at, "http://", 0, 7)) {
      return at + 7;
    }
    return -1;
  }

  private static boolean isStop(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '<' || c == '>' || c == '"';
  }

  private static boolean isTrailingPunctuation(char c) {
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == ']'
        || c == '\'' || c == '\u2019' || c == '\u201d';
  }

  private static boolean isUrlChar(char c) {
    return Character.isLetterOrDigit(c) || c == '/' || c == '.' || c == '-' || c == '_' || c == '%' || c == '=';
  }
}
