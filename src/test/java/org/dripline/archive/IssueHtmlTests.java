package org.dripline.archive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IssueHtmlTests {

  @Test
  void keepsTheBodysMarkupInlineStylesLinksAndImages() {
    // given a rendered email in the layouts' shape
    String email = "<!DOCTYPE html><html><head><title>t</title><style>body{color:red}</style></head>"
        + "<body class=\"page\" style=\"margin:0\"><table role=\"presentation\" width=\"100%\"><tr>"
        + "<td align=\"center\" style=\"padding:24px\"><p>Hi &amp; welcome</p>"
        + "<a href=\"https://example.org/post\" style=\"color:#9d174d\">Read</a>"
        + "<a href=\"mailto:hello@example.org\">Reply</a><img src=\"https://example.org/a.png\" alt=\"A\"></td></tr></table>"
        + "</body></html>";

    // when its body is cleaned
    String body = IssueHtml.body(email);

    // then the content and its design survive, the head does not
    assertThat(body).contains("<table role=\"presentation\" width=\"100%\">", "style=\"padding:24px\"",
        "<p>Hi &amp; welcome</p>", "href=\"https://example.org/post\"", "href=\"mailto:hello@example.org\"",
        "src=\"https://example.org/a.png\"");
    assertThat(body).doesNotContain("<style", "<title", "<body", "color:red");
  }

  @Test
  void dropsEverythingActive() {
    // given a body with scripts, handlers, forms, frames, javascript: URLs and a meta refresh
    String email = "<html><body><p onclick=\"steal()\">x</p><script>steal()</script>"
        + "<a href=\"javascript:steal()\">j</a><a href=\"data:text/html,<script>1</script>\">d</a>"
        + "<form action=\"https://evil.example.org\"><input name=\"p\"></form><iframe src=\"https://evil.example.org\"></iframe>"
        + "<object data=\"x.swf\"></object><embed src=\"x\"><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example.org\">"
        + "<base href=\"https://evil.example.org/\"><img src=\"javascript:steal()\" onerror=\"steal()\"><svg onload=\"steal()\"></svg>"
        + "</body></html>";

    // when it is cleaned
    String body = IssueHtml.body(email);

    // then none of it is left
    assertThat(body.toLowerCase()).doesNotContain("script", "onclick", "onerror", "onload", "javascript:", "data:",
        "<form", "<input", "<iframe", "<object", "<embed", "<meta", "<base", "<svg", "evil");
    assertThat(body).contains("<p>x</p>");
  }
}
