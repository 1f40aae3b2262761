package org.dripline.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class AtomFeedTests {

  static final Instant MONDAY = Instant.parse("2026-12-07T09:00:00.123Z");

  @Test
  void aFeedWithIssuesHasEveryElementRfc4287Requires() throws Exception {
    // given two issues
    List<AtomFeed.Entry> entries = List.of(
        new AtomFeed.Entry("https://mail.example.org/archive/week-2", "Week 2", MONDAY.plusSeconds(604800), "Maya",
            "The second", "<p>Two</p>"),
        new AtomFeed.Entry("https://mail.example.org/archive/week-1", "Week 1", MONDAY, "Maya", "", "<p>One</p>"));

    // when the feed is written
    String xml = AtomFeed.write("Stories", "https://mail.example.org/archive", "https://mail.example.org/archive/feed.atom",
        entries);

    // then it is a valid Atom feed, dated by its newest issue, in whole UTC seconds
    Document feed = AtomChecks.parse(xml);
    assertThat(AtomChecks.problems(feed)).isEmpty();
    assertThat(AtomChecks.text(feed.getDocumentElement(), "updated")).isEqualTo("2026-12-14T09:00:00Z");
    assertThat(AtomChecks.entries(feed)).hasSize(2);
    assertThat(AtomChecks.text(AtomChecks.entries(feed).get(1), "updated")).isEqualTo("2026-12-07T09:00:00Z");
  }

  @Test
  void anEmptyArchiveIsStillAValidFeed() throws Exception {
    // when there is no issue yet
    String xml = AtomFeed.write("Stories", "http://localhost:8080/archive", "http://localhost:8080/archive/feed.atom",
        List.of());

    // then the feed is valid (its author stands in for the entries') and dated at the epoch
    Document feed = AtomChecks.parse(xml);
    assertThat(AtomChecks.problems(feed)).isEmpty();
    assertThat(AtomChecks.text(feed.getDocumentElement(), "updated")).isEqualTo("1970-01-01T00:00:00Z");
  }

  @Test
  void markupAndControlCharactersInTitlesAndContentNeverBreakTheXml() throws Exception {
    // given a subject with markup, an ampersand, a CDATA end and control characters XML cannot carry
    String title = "<b>Tips</b> & \"tricks\" ]]> \u0001\u001B\uFFFE";
    String html = "<p>a &amp; b</p>]]><script>x</script>\u0000";

    // when the feed is written
    String xml = AtomFeed.write("A & B", "https://x.example.org/archive", "https://x.example.org/archive/feed.atom",
        List.of(new AtomFeed.Entry("https://x.example.org/archive/i", title, MONDAY, null, null, html)));

    // then it parses, and the text comes back as written, less what XML cannot hold
    Document feed = AtomChecks.parse(xml);
    assertThat(AtomChecks.problems(feed)).isEmpty();
    assertThat(AtomChecks.text(AtomChecks.entries(feed).get(0), "title")).isEqualTo("<b>Tips</b> & \"tricks\" ]]> ");
    assertThat(AtomChecks.text(AtomChecks.entries(feed).get(0), "content"))
        .isEqualTo("<p>a &amp; b</p>]]><script>x</script>");
  }
}
