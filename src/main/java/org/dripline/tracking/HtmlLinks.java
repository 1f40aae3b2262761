package org.dripline.tracking;

import java.util.function.Function;

/**
 * Rewrites the href of {@code <a>} tags and adds the pixel and the honeypot. Deliberately a
 * scanner over our own rendered output rather than an HTML parser: a parser re-serializes the
 * whole document (entities, Outlook conditional comments, whitespace) and email clients are
 * picky; this changes only the attribute values it rewrites.
 */
public final class HtmlLinks {

  private HtmlLinks() {
  }

  /**
   * {@code rewrite} gets each href as plain text (entities decoded) and returns the replacement
   * URL, or null to keep the original. Replacements are our own URLs and are HTML-escaped anyway.
   * One pass, no regex: this runs for every message sent. A tag is {@code <a} (any case), a
   * blank, and everything up to the next {@code >}; its first quoted {@code href} is the link.
   */
  static String rewriteHrefs(String html, Function<String, String> rewrite) {
    StringBuilder out = null;
    int copied = 0;
    int length = html.length();
    for (int lt = html.indexOf('<'); lt >= 0 && lt + 2 < length; lt = html.indexOf('<', lt + 1)) {
      char a = html.charAt(lt + 1);
      if ((a != 'a' && a != 'A') || !isSpace(html.charAt(lt + 2))) {
        continue;
      }
      int gt = html.indexOf('>', lt + 3);
      if (gt < 0) {
        break;
      }
      int[] href = findHref(html, lt + 2, gt);
      if (href != null) {
        String url = rewrite.apply(unescape(html.substring(href[0], href[1]).strip()));
        if (url != null) {
          if (out == null) {
            out = new StringBuilder(length + 1024);
          }
          // the quotes become double quotes whichever the original used
          out.append(html, copied, href[0] - 1).append('"').append(escape(url)).append('"');
          copied = href[1] + 1;
        }
      }
      lt = gt;
    }
    return out == null ? html : out.append(html, copied, length).toString();
  }

  /**
   * The value bounds of the first {@code <blank>href<blanks>=<blanks>"..."} (or single-quoted)
   * between {@code from} and {@code to}, or null.
   */
  private static int[] findHref(String html, int from, int to) {
    for (int i = from; i + 5 < to; i++) {
      if (!isSpace(html.charAt(i)) || !html.regionMatches(true, i + 1, "href", 0, 4)) {
        continue;
      }
      int at = skipSpaces(html, i + 5, to);
      if (at >= to || html.charAt(at) != '=') {
        continue;
      }
      at = skipSpaces(html, at + 1, to);
      if (at >= to || (html.charAt(at) != '"' && html.charAt(at) != '\'')) {
        continue;
      }
      int close = html.indexOf(html.charAt(at), at + 1);
      if (close >= 0 && close < to) {
        return new int[] {at + 1, close};
      }
    }
    return null;
  }

  /** The open pixel goes last in the body, so it loads only when the message is displayed. */
  static String addPixel(String html, String pixelUrl) {
    String img = "<img src=\"" + escape(pixelUrl) + "\" width=\"1\" height=\"1\" alt=\"\""
        + " style=\"display:block;width:1px;height:1px;border:0;\">";
    int at = lastBodyClose(html);
    return at < 0 ? html + img : html.substring(0, at) + img + html.substring(at);
  }

  /** An invisible link no person can see or reach with the keyboard: only scanners follow it. */
  static String addHoneypot(String html, String honeypotUrl) {
    String a = "<a href=\"" + escape(honeypotUrl) + "\" style=\"display:none;\" aria-hidden=\"true\" tabindex=\"-1\"></a>";
    int end = firstBodyOpenEnd(html);
    return end >= 0 ? html.substring(0, end) + a + html.substring(end) : a + html;
  }

  /** Where the last {@code </body>} (any case, blanks before the {@code >}) starts, or -1. */
  private static int lastBodyClose(String html) {
    for (int lt = html.lastIndexOf("</"); lt >= 0; lt = lt == 0 ? -1 : html.lastIndexOf("</", lt - 1)) {
      if (html.regionMatches(true, lt + 2, "body", 0, 4)) {
        int at = skipSpaces(html, lt + 6, html.length());
        if (at < html.length() && html.charAt(at) == '>') {
          return lt;
        }
      }
    }
    return -1;
  }

  /** Just after the first {@code <body ...>} (any case, a whole word), or -1. */
  private static int firstBodyOpenEnd(String html) {
    for (int lt = html.indexOf('<'); lt >= 0; lt = html.indexOf('<', lt + 1)) {
      if (html.regionMatches(true, lt + 1, "body", 0, 4)
          && (lt + 5 >= html.length() || !isWordChar(html.charAt(lt + 5)))) {
        int gt = html.indexOf('>', lt + 5);
        return gt < 0 ? -1 : gt + 1;
      }
    }
    return -1;
  }

  private static int skipSpaces(String html, int at, int to) {
    while (at < to && isSpace(html.charAt(at))) {
      at++;
    }
    return at;
  }

  /** Regex {@code \s}: the ASCII blanks. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  static boolean isWebLink(String url) {
    String lower = url.toLowerCase(java.util.Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://");
  }

  static String unescape(String value) {
    if (value.indexOf('&') < 0) {
      return value;
    }
    return value.replace("&quot;", "\"").replace("&#34;", "\"").replace("&#39;", "'").replace("&#x27;", "'")
        .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  public static String escape(String value) {
    return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("'", "&#39;");
  }
}
