package org.dripline.tracking;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the href of {@code <a>} tags and adds the pixel and the honeypot. Deliberately a
 * scanner over our own rendered output rather than an HTML parser: a parser re-serializes the
 * whole document (entities, Outlook conditional comments, whitespace) and email clients are
 * picky; this changes only the attribute values it rewrites.
 */
final class HtmlLinks {

  private static final Pattern A_TAG = Pattern.compile("<a\\s[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern HREF = Pattern.compile("(\\shref\\s*=\\s*)(?:\"([^\"]*)\"|'([^']*)')",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern BODY_OPEN = Pattern.compile("<body\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern BODY_CLOSE = Pattern.compile("</body\\s*>", Pattern.CASE_INSENSITIVE);

  private HtmlLinks() {
  }

  /**
   * {@code rewrite} gets each href as plain text (entities decoded) and returns the replacement
   * URL, or null to keep the original. Replacements are our own URLs and are HTML-escaped anyway.
   */
  static String rewriteHrefs(String html, Function<String, String> rewrite) {
    Matcher tags = A_TAG.matcher(html);
    StringBuilder out = new StringBuilder(html.length() + 1024);
    while (tags.find()) {
      String tag = tags.group();
      Matcher href = HREF.matcher(tag);
      String replacement = tag;
      if (href.find()) {
        String raw = href.group(2) != null ? href.group(2) : href.group(3);
        String url = rewrite.apply(unescape(raw.strip()));
        if (url != null) {
          replacement = tag.substring(0, href.start()) + href.group(1) + "\"" + escape(url) + "\""
              + tag.substring(href.end());
        }
      }
      tags.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    tags.appendTail(out);
    return out.toString();
  }

  /** The open pixel goes last in the body, so it loads only when the message is displayed. */
  static String addPixel(String html, String pixelUrl) {
    String img = "<img src=\"" + escape(pixelUrl) + "\" width=\"1\" height=\"1\" alt=\"\""
        + " style=\"display:block;width:1px;height:1px;border:0;\">";
    Matcher close = BODY_CLOSE.matcher(html);
    int at = -1;
    while (close.find()) {
      at = close.start();
    }
    return at < 0 ? html + img : html.substring(0, at) + img + html.substring(at);
  }

  /** An invisible link no person can see or reach with the keyboard: only scanners follow it. */
  static String addHoneypot(String html, String honeypotUrl) {
    String a = "<a href=\"" + escape(honeypotUrl) + "\" style=\"display:none;\" aria-hidden=\"true\" tabindex=\"-1\"></a>";
    Matcher open = BODY_OPEN.matcher(html);
    return open.find() ? html.substring(0, open.end()) + a + html.substring(open.end()) : a + html;
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

  static String escape(String value) {
    return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("'", "&#39;");
  }
}
