package org.dripline.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text part's URLs are found like a reader's client finds them, and only they are replaced. */
class TextLinksTests {

  @Test
  void replacesEachUrlAndLeavesSentencePunctuationAndWordsAlone() {
    // given a text part with URLs on their own line, in a sentence and glued to a word
    String text = "Read the section:\nhttps://example.org/post#burnout\n\nOr see (https://example.org/a?b=1&c=2). "
        + "Not xhttps://example.org/no, nor http: alone.\n-- \nUnsubscribe:\nhttps://dripline.example/u/abc";
    List<String> seen = new ArrayList<>();

    // when rewritten, keeping our own unsubscribe link
    String out = TextLinks.rewriteUrls(text, url -> {
      seen.add(url);
      return url.startsWith("https://dripline.example/") ? null : "https://t.example/" + seen.size();
    });

    // then both campaign links are tracked, the punctuation stays, the rest is untouched
    assertThat(seen).containsExactly("https://example.org/post#burnout", "https://example.org/a?b=1&c=2",
        "https://dripline.example/u/abc");
    assertThat(out).isEqualTo("Read the section:\nhttps://t.example/1\n\nOr see (https://t.example/2). "
        + "Not xhttps://example.org/no, nor http: alone.\n-- \nUnsubscribe:\nhttps://dripline.example/u/abc");
  }

  @Test
  void returnsTheSameTextWhenThereIsNothingToTrack() {
    String text = "No links here, just http and https words.";
    assertThat(TextLinks.rewriteUrls(text, url -> "x")).isSameAs(text);
  }
}
