package org.dripline.draft;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dripline.draft.Post.Block;
import org.dripline.draft.Post.Kind;
import org.dripline.draft.PostOutline.Element;

/**
 * A plain-text post: its structure is read from the text itself, as a post copied out of a web page
 * has it (the seed post is one). Blocks are separated by blank lines. A heading is a block of one
 * short line that does not end like a sentence ({@code .}, {@code ,}, {@code ;}, {@code :}); a
 * question is a heading. When most of those lines are in title case (as the seed post's are), only
 * title-case lines are headings, and a line in sentence case just before a heading is an image's
 * caption or alt text, left out (an email has no image to caption). The first line is the title when
 * another short line follows it. Levels are not written in plain text: {@link PostOutline} folds runs
 * of short sections into the part they follow.
 */
final class TextPosts {

  private static final int MAX_HEADING_CHARS = 120;
  private static final int MAX_HEADING_WORDS = 16;
  private static final Pattern LIST_ITEM = Pattern.compile("^(?:[-*•]|\\d{1,3}[.)])\\s+(.*)$");
  /** Words a title-case heading leaves in lower case; shorter words are not judged at all. */
  private static final Set<String> MINOR_WORDS = Set.of("with", "from", "into", "onto", "upon", "than", "that",
      "over", "under", "about", "via");

  private TextPosts() {
  }

  static Post read(String text, String url) {
    List<List<String>> blocks = blocks(text);
    String title = null;
    if (blocks.size() > 1 && headingShaped(blocks.get(0)) && headingShaped(blocks.get(1))) {
      title = blocks.remove(0).get(0);
    }
    long shaped = blocks.stream().filter(TextPosts::headingShaped).count();
    long titled = blocks.stream().filter(b -> headingShaped(b) && titleCase(b.get(0))).count();
    // Title case decides only when the post mostly writes its headings that way.
    boolean byCase = shaped >= 2 && titled * 3 >= shaped * 2;
    boolean[] heading = new boolean[blocks.size()];
    for (int i = 0; i < blocks.size(); i++) {
      heading[i] = headingShaped(blocks.get(i)) && (!byCase || titleCase(blocks.get(i).get(0)));
    }
    List<Element> elements = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      List<String> block = blocks.get(i);
      if (heading[i]) {
        elements.add(Element.heading(1, block.get(0)));
      } else if (byCase && headingShaped(block) && i + 1 < blocks.size() && heading[i + 1]) {
        continue; // a caption
      } else {
        blocksOf(block).forEach(b -> elements.add(Element.block(b)));
      }
    }
    return PostOutline.outline(title, url, elements, 1, true);
  }

  /** Runs of non-blank lines, each line stripped. */
  private static List<List<String>> blocks(String text) {
    List<List<String>> blocks = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      // \h: a no-break space at either end (a web page's &nbsp;) is blank too
      String stripped = line.replaceAll("^[\\s\\h]+|[\\s\\h]+$", "");
      if (stripped.isEmpty()) {
        if (!current.isEmpty()) {
          blocks.add(current);
          current = new ArrayList<>();
        }
      } else {
        current.add(stripped);
      }
    }
    if (!current.isEmpty()) {
      blocks.add(current);
    }
    return blocks;
  }

  static boolean headingShaped(List<String> block) {
    if (block.size() != 1) {
      return false;
    }
    String line = block.get(0);
    if (line.length() > MAX_HEADING_CHARS || line.split("\\s+").length > MAX_HEADING_WORDS
        || LIST_ITEM.matcher(line).matches() || line.startsWith(">") || line.codePoints().noneMatch(Character::isLetter)) {
      return false;
    }
    String end = line.replaceAll("[\\s\"'”’»)\\]]+$", "");
    return !end.isEmpty() && ".,;:".indexOf(end.charAt(end.length() - 1)) < 0;
  }

  /** Every word of four letters or more, minor words aside, starts with a capital. */
  static boolean titleCase(String line) {
    for (String word : line.split("[\\s/]+")) {
      String letters = word.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
      if (letters.codePointCount(0, letters.length()) < 4 || MINOR_WORDS.contains(letters.toLowerCase(Locale.ROOT))) {
        continue;
      }
      if (!Character.isUpperCase(letters.codePointAt(0))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Runs of list items are a list, a block whose every line starts with {@code >} a quote. Other lines
   * wrapped by hand (all but the last of about the same, usual width) join into one paragraph; lines of
   * any other shape are a paragraph each.
   */
  private static List<Block> blocksOf(List<String> lines) {
    if (lines.stream().allMatch(l -> l.startsWith(">"))) {
      return List.of(Block.of(Kind.QUOTE, String.join(" ", lines.stream().map(l -> l.substring(1).strip()).toList())));
    }
    List<Block> blocks = new ArrayList<>();
    List<String> run = new ArrayList<>();
    boolean items = false;
    for (String line : lines) {
      Matcher item = LIST_ITEM.matcher(line);
      if (item.matches() != items && !run.isEmpty()) {
        blocks.addAll(run(run, items));
        run.clear();
      }
      items = item.matches();
      run.add(items ? item.group(1) : line);
    }
    blocks.addAll(run(run, items));
    return blocks;
  }

  private static List<Block> run(List<String> lines, boolean items) {
    if (items) {
      return List.of(new Block(Kind.LIST, lines));
    }
    boolean wrapped = lines.size() > 1
        && lines.subList(0, lines.size() - 1).stream().allMatch(l -> l.length() >= 40 && l.length() <= 100);
    if (wrapped) {
      return List.of(Block.of(Kind.PARAGRAPH, String.join(" ", lines)));
    }
    return lines.stream().map(l -> Block.of(Kind.PARAGRAPH, l)).toList();
  }
}
