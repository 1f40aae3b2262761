package org.dripline.draft;

import java.util.ArrayList;
import java.util.List;
import org.dripline.draft.Post.Block;
import org.dripline.draft.Post.Kind;
import org.dripline.draft.Post.Section;

/**
 * From a post read as a flat list of headings and blocks to its sections, one email each. The rules
 * are the same for every format; only where the levels come from differs (Markdown {@code #}, HTML
 * {@code <h1>}–{@code <h3>}, plain text: see {@link TextPosts}).
 * <ul>
 * <li>The title is a heading above all the others: the only one at the top level, and the first.</li>
 * <li>The post splits at the highest level with at least two headings; deeper headings stay inside
 * their section as sub-headings. Text before the first heading opens the first section.</li>
 * <li>A section without text of its own is a part: the section after it is folded in as a sub-section,
 * so no email is a bare heading.</li>
 * <li>Where levels are unknown (plain text), a run of one-paragraph sections after a section of at most
 * one paragraph (an introduction) is that section's sub-sections too, at most {@link #MAX_FOLDED}, unless
 * that would leave fewer than two emails.</li>
 * </ul>
 */
final class PostOutline {

  /**
   * Sub-sections one email takes in at most: five short sections read in a few minutes. In plain text,
   * where a part's end is not marked, it also keeps a run of short sections from swallowing the next part.
   */
  static final int MAX_FOLDED = 4;

  /** A heading (level 1 is the highest) or a block of text, in the order of the post. */
  record Element(int level, String heading, Block block) {

    static Element heading(int level, String text) {
      return new Element(level, text, null);
    }

    static Element block(Block block) {
      return new Element(0, null, block);
    }

    boolean isHeading() {
      return heading != null;
    }
  }

  private PostOutline() {
  }

  /**
   * The post's sections. {@code splitLevels}: headings at this level or deeper than it never split
   * the post (Markdown splits at {@code #}/{@code ##}, HTML at {@code <h1>}–{@code <h3>});
   * {@code foldShortRuns}: the plain-text rule above.
   */
  static Post outline(String titleHint, String url, List<Element> elements, int splitLevels, boolean foldShortRuns) {
    List<Element> body = new ArrayList<>(elements.stream()
        .filter(e -> !e.isHeading() || !e.heading().isBlank()).toList());
    String title = titleHint;
    List<Element> candidates = body.stream().filter(e -> e.isHeading() && e.level() <= splitLevels).toList();
    if (!candidates.isEmpty()) {
      Element first = candidates.get(0);
      boolean alone = candidates.stream().skip(1).allMatch(e -> e.level() > first.level());
      boolean firstHeading = body.stream().filter(Element::isHeading).findFirst().orElseThrow() == first;
      if (alone && firstHeading && candidates.size() > 1) {
        title = first.heading();
        body.remove(first);
      }
    }
    int split = splitLevel(body, splitLevels);
    List<Section> sections = new ArrayList<>();
    String heading = null;
    // Until the first heading, blocks holds the introduction: it opens the first section.
    List<Block> blocks = new ArrayList<>();
    for (Element element : body) {
      if (element.isHeading() && element.level() <= split) {
        if (heading != null) {
          sections.add(new Section(heading, blocks));
          blocks = new ArrayList<>();
        }
        heading = element.heading();
      } else if (element.isHeading()) {
        blocks.add(Block.of(Kind.HEADING, element.heading()));
      } else {
        blocks.add(element.block());
      }
    }
    if (heading != null) {
      sections.add(new Section(heading, blocks));
    }
    List<Section> folded = fold(sections, foldShortRuns);
    if (foldShortRuns && folded.size() < 2) {
      // a post of short sections only: they are the series, not the parts of one email
      folded = fold(sections, false);
    }
    return new Post(title, url, folded);
  }

  /** The highest level at which at least two headings split the post (the highest level there is, if none). */
  private static int splitLevel(List<Element> body, int splitLevels) {
    int highest = Integer.MAX_VALUE;
    for (int level = 1; level <= splitLevels; level++) {
      int at = level;
      long count = body.stream().filter(e -> e.isHeading() && e.level() == at).count();
      if (count >= 2) {
        return level;
      }
      if (count == 1) {
        highest = Math.min(highest, level);
      }
    }
    return highest == Integer.MAX_VALUE ? 0 : highest;
  }

  private static List<Section> fold(List<Section> sections, boolean foldShortRuns) {
    List<Section> folded = new ArrayList<>();
    for (int i = 0; i < sections.size(); i++) {
      Section part = sections.get(i);
      List<Block> blocks = new ArrayList<>(part.blocks());
      int taken = 0;
      boolean bare = part.textBlocks() == 0;
      boolean introduction = foldShortRuns && part.textBlocks() <= 1;
      while (i + 1 < sections.size() && taken < MAX_FOLDED) {
        Section next = sections.get(i + 1);
        boolean shortOne = next.textBlocks() == 1 && next.blocks().size() == 1;
        if (!(bare && taken == 0) && !(introduction && shortOne)) {
          break;
        }
        blocks.add(Block.of(Kind.HEADING, next.heading()));
        blocks.addAll(next.blocks());
        taken++;
        i++;
        if (!introduction) {
          break;
        }
      }
      folded.add(taken == 0 ? part : new Section(part.heading(), blocks));
    }
    return folded;
  }
}
