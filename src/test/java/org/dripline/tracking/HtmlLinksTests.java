package org.dripline.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlLinksTests {

  @Test
  void rewritesOnlyTheHrefOfLinksAndPassesTheDecodedUrl() {
    // given HTML with entities in a URL, a mailto link, single quotes and an Outlook comment
    String html = "<!--[if mso]><table><![endif]--><p><a class=\"x\" href=\"https://example.org/a?b=1&amp;c=2\">A</a>"
        + " <a href='mailto:me@example.org'>M</a> <A HREF=\"http://example.org/z\" target=\"_blank\">Z</A></p>";
    List<String> seen = new ArrayList<>();

    // when every web link is replaced
    String out = HtmlLinks.rewriteHrefs(html, url -> {
      seen.add(url);
      return HtmlLinks.isWebLink(url) ? "https://t.example/c/" + seen.size() + "?q=\"<" : null;
    });

    // then only the href values changed, the replacement escaped, the rest byte for byte the same
    assertThat(seen).containsExactly("https://example.org/a?b=1&c=2", "mailto:me@example.org", "http://example.org/z");
    assertThat(out).isEqualTo("<!--[if mso]><table><![endif]--><p><a class=\"x\" href=\"https://t.example/c/1?q=&quot;&lt;\">A</a>"
        + " <a href='mailto:me@example.org'>M</a> <A HREF=\"https://t.example/c/3?q=&quot;&lt;\" target=\"_blank\">Z</A></p>");
  }

  @Test
  void putsThePixelLastInTheBodyAndTheHoneypotFirst() {
    String html = "<html><body style=\"m\"><p>Hi</p></body></html>";
    String out = HtmlLinks.addPixel(HtmlLinks.addHoneypot(html, "https://t.example/h"), "https://t.example/o");
    assertThat(out).startsWith("<html><body style=\"m\"><a href=\"https://t.example/h\" style=\"display:none;\"")
        .contains("aria-hidden=\"true\"").contains("tabindex=\"-1\"")
        .endsWith("<img src=\"https://t.example/o\" width=\"1\" height=\"1\" alt=\"\""
            + " style=\"display:block;width:1px;height:1px;border:0;\"></body></html>");
  }

  @Test
  void takesTheFirstQuotedHrefOfATagAndLeavesOtherTagsAlone() {
    // given an unquoted href before a quoted one, blanks around '=', a look-alike tag and an unclosed tag
    String html = "<a\nhref=x HREF = 'https://e.org/1'>1</a><abbr href=\"https://e.org/2\">2</abbr>"
        + "<a title=\"href\">3</a><a href=\"https://e.org/4\"";
    List<String> seen = new ArrayList<>();

    // when every link is replaced
    String out = HtmlLinks.rewriteHrefs(html, url -> {
      seen.add(url);
      return "https://t.example/" + seen.size();
    });

    // then only the first tag's quoted href changed
    assertThat(seen).containsExactly("https://e.org/1");
    assertThat(out).isEqualTo("<a\nhref=x HREF = \"https://t.example/1\">1</a><abbr href=\"https://e.org/2\">2</abbr>"
        + "<a title=\"href\">3</a><a href=\"https://e.org/4\"");
  }

  @Test
  void findsTheBodyTagsInAnyCaseAndIgnoresLookAlikes() {
    // given a <bodyx> before the real body, and two closing tags with blanks
    String html = "<bodyx><BODY class=\"b\">Hi</Body ><p></BODY\n></html>";
    String out = HtmlLinks.addPixel(HtmlLinks.addHoneypot(html, "https://t.example/h"), "https://t.example/o");
    assertThat(out).startsWith("<bodyx><BODY class=\"b\"><a href=\"https://t.example/h\"");
    assertThat(out).endsWith("border:0;\"></BODY\n></html>").contains("Hi</Body ><p><img");
    // and without a body the honeypot goes first and the pixel last
    assertThat(HtmlLinks.addPixel(HtmlLinks.addHoneypot("<p>x</p>", "h"), "o")).startsWith("<a href=\"h\"").endsWith("0;\">");
  }

  @Test
  void knowsWebLinksFromOtherSchemes() {
    assertThat(HtmlLinks.isWebLink("HTTPS://example.org")).isTrue();
    assertThat(HtmlLinks.isWebLink("javascript:alert(1)")).isFalse();
    assertThat(HtmlLinks.isWebLink("mailto:x@example.org")).isFalse();
    assertThat(HtmlLinks.isWebLink("#top")).isFalse();
  }
}
