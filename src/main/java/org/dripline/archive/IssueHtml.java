package org.dripline.archive;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * The body of a rendered issue, cut down to what a page of ours and a feed reader may show: markup and inline
 * styles, absolute http(s) and mailto links, http(s) images. The head (its {@code <style>}, meta refreshes) and
 * anything active (scripts, forms, frames, objects, event handlers, {@code javascript:} URLs) are dropped. The
 * layouts carry their design in inline styles so that webmail, which drops the same things, shows them as
 * designed; the archive page's Content-Security-Policy forbids scripts as well, should anything slip through.
 */
final class IssueHtml {

  private static final Safelist ALLOWED = Safelist.relaxed()
      .addTags("center", "font", "hr", "section", "article", "header", "footer", "main", "figure", "figcaption",
          "s", "mark", "abbr", "address")
      .addAttributes(":all", "style", "class", "align", "valign", "width", "height", "bgcolor", "role", "aria-label",
          "aria-hidden", "dir", "lang", "title", "border", "cellpadding", "cellspacing")
      .addAttributes("font", "color", "face", "size")
      .addProtocols("a", "href", "http", "https", "mailto")
      .addProtocols("img", "src", "http", "https")
      .preserveRelativeLinks(false);

  private IssueHtml() {
  }

  /** The cleaned inner HTML of the document's body. */
  static String body(String renderedDocument) {
    Document dirty = Jsoup.parse(renderedDocument);
    Document clean = new Cleaner(ALLOWED).clean(dirty);
    clean.outputSettings().prettyPrint(false).escapeMode(Entities.EscapeMode.base).charset("UTF-8");
    return clean.body().html();
  }
}
