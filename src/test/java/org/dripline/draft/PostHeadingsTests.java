package org.dripline.draft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dripline.draft.Post.Block;
import org.dripline.draft.Post.Kind;
import org.dripline.draft.Post.Section;
import org.junit.jupiter.api.Test;

/** Where a post splits into emails: Markdown and HTML by their heading levels, plain text by its shape. */
class PostHeadingsTests {

  static final Path SEED = Path.of("src/test/resources/posts/working-mom-guilt-post.txt");

  @Test
  void theSeedPostSplitsAtItsTopHeadingsWithTheHowToAndHabitsPartsKeepingTheirSubSections() throws IOException {
    // given the seed post as plain text (a title, an image caption, headings in title case, sub-headings)
    Post post = TextPosts.read(Files.readString(SEED), null);

    // then the first line is the title, and each top-level heading is a section
    assertThat(post.title()).isEqualTo("How to Let Go of Working Mom Guilt and Find Joy in Both Career and Motherhood");
    assertThat(post.sections()).extracting(Section::heading).containsExactly(
        "What it Means to Be a Working Mother", "What Is Working Mom Guilt?", "What Causes Working Mom Guilt?",
        "The Emotional and Physical Toll for Working Parents: Burnout and Depression", "What the Research Says",
        "How to Get Over the Guilt of Being a Working Mom", "Helpful Habits for Working Moms",
        "Words of Encouragement (and Real Talk)", "Final Thoughts: Redefining Success in Motherhood",
        "Join Our Community of Mamas");
    // and the parts keep their sub-headings, in order, inside one email
    assertThat(headings(post.sections().get(5)))
        .containsExactly("Shift Your Mindset", "Focus on Quality Over Quantity", "Set Boundaries and Prioritize Self-Care",
            "Accept the Trade-Offs");
    assertThat(headings(post.sections().get(6)))
        .containsExactly("Build a Family Rhythm", "Delegate and Ask for Help", "Practice Mindfulness");
    // and the image captions are left out, the paragraphs kept whole
    String all = post.sections().stream().flatMap(s -> s.blocks().stream()).map(Block::text).reduce("", String::concat);
    assertThat(all).doesNotContain("Mom working with her baby").doesNotContain("Helpful habits for working moms");
    assertThat(post.sections().get(0).blocks()).hasSize(3).allMatch(b -> b.kind() == Kind.PARAGRAPH);
    assertThat(post.sections().get(0).blocks().get(0).text())
        .isEqualTo("You love your kids and your career. So why does it feel like you’re failing at both?");
  }

  @Test
  void plainTextInSentenceCaseSplitsAtEveryShortLineWithoutAFinalPeriod() {
    // given a post whose headings are in sentence case, with a list and a quote
    String text = """
        Ten minutes a day

        Small habits beat big plans. This post is about three of them.

        Start with breakfast

        Eat together, phones away.
        - one
        - two

        Walk after dinner

        > A walk is a meeting with yourself.

        A line that ends like a sentence, so it is text.
        """;

    // when it is read
    Post post = TextPosts.read(text, null);

    // then there is no title (a paragraph follows the first line), the sections start at the short lines,
    // and the list and the quote are kept
    assertThat(post.title()).isNull();
    assertThat(post.sections()).extracting(Section::heading)
        .containsExactly("Ten minutes a day", "Start with breakfast", "Walk after dinner");
    assertThat(post.sections().get(1).blocks()).extracting(Block::kind).containsExactly(Kind.PARAGRAPH, Kind.LIST);
    assertThat(post.sections().get(1).blocks().get(1).items()).containsExactly("one", "two");
    assertThat(post.sections().get(2).blocks()).extracting(Block::kind).containsExactly(Kind.QUOTE, Kind.PARAGRAPH);
  }

  @Test
  void markdownSplitsAtTheHighestLevelBelowATitleAndKeepsDeeperHeadingsInside() {
    // given a post with front matter, a # title, ## sections and a ### sub-heading
    String text = """
        ---
        title: "From front matter"
        url: https://example.org/blog/habits
        ---
        # Ten minutes a day

        An intro with **bold**, a [link](https://example.org/x) and `code`.

        ## Start with breakfast

        Eat *together*, snake_case_stays.

        ### Why it works

        - one
        - two
          continued

        ## Walk after dinner
        > A walk is a meeting
        > with yourself.

        ![a photo](photo.jpg)
        """;

    // when it is read
    Post post = MarkdownPosts.read(text, null);

    // then the # heading is the title, the ## headings split, the intro opens the first section
    assertThat(post.title()).isEqualTo("Ten minutes a day");
    assertThat(post.url()).isEqualTo("https://example.org/blog/habits");
    assertThat(post.sections()).extracting(Section::heading).containsExactly("Start with breakfast", "Walk after dinner");
    Section first = post.sections().get(0);
    assertThat(first.blocks()).extracting(Block::text).containsExactly("An intro with bold, a link and code.",
        "Eat together, snake_case_stays.", "Why it works", "one two continued");
    assertThat(first.blocks().get(2).kind()).isEqualTo(Kind.HEADING);
    assertThat(first.blocks().get(3).items()).containsExactly("one", "two continued");
    assertThat(post.sections().get(1).blocks()).containsExactly(Block.of(Kind.QUOTE, "A walk is a meeting with yourself."));
  }

  @Test
  void markdownWithOnlySecondLevelHeadingsSplitsAtThem() {
    Post post = MarkdownPosts.read("## One\n\ntext\n\n## Two\n\nmore text\n", null);

    assertThat(post.title()).isNull();
    assertThat(post.sections()).extracting(Section::heading).containsExactly("One", "Two");
  }

  @Test
  void htmlSplitsAtH2UnderTheH1TitleAndLeavesScriptsNavigationAndFiguresOut() {
    // given a saved page: a canonical link, navigation, an article with an h1, h2 sections and an h3
    String html = """
        <html><head><title>Habits | Blog</title><link rel="canonical" href="https://example.org/blog/habits"></head>
        <body><nav><h2>Menu</h2><a href="/">Home</a></nav>
        <article><h1>Ten minutes a day</h1>
        <p>Intro &amp; more, <em>emphasised</em>.</p>
        <h2>Start with breakfast</h2><p>Eat together.</p><figure><img src="x.jpg"><figcaption>A photo</figcaption></figure>
        <h3>Why it works</h3><ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul>
        <h2>Walk after dinner</h2><blockquote>A walk is a meeting with yourself.</blockquote>
        <script>alert(1)</script></article></body></html>
        """;

    // when it is read
    Post post = HtmlPosts.read(html, null);

    // then
    assertThat(post.title()).isEqualTo("Ten minutes a day");
    assertThat(post.url()).isEqualTo("https://example.org/blog/habits");
    assertThat(post.sections()).extracting(Section::heading).containsExactly("Start with breakfast", "Walk after dinner");
    assertThat(post.sections().get(0).blocks()).extracting(Block::kind)
        .containsExactly(Kind.PARAGRAPH, Kind.PARAGRAPH, Kind.HEADING, Kind.LIST);
    assertThat(post.sections().get(0).blocks().get(0).text()).isEqualTo("Intro & more, emphasised.");
    assertThat(post.sections().get(0).blocks().get(3).items()).containsExactly("one", "two", "nested");
    assertThat(post.sections().get(1).blocks()).containsExactly(Block.of(Kind.QUOTE, "A walk is a meeting with yourself."));
  }

  @Test
  void aBareHeadingTakesTheNextSectionAsItsSubSectionSoNoEmailIsEmpty() {
    Post post = MarkdownPosts.read("## Part one\n## Chapter\n\ntext\n\n## Two\n\nmore\n", null);

    assertThat(post.sections()).extracting(Section::heading).containsExactly("Part one", "Two");
    assertThat(headings(post.sections().get(0))).containsExactly("Chapter");
  }

  private static List<String> headings(Section section) {
    return section.blocks().stream().filter(b -> b.kind() == Kind.HEADING).map(Block::text).toList();
  }
}
