package org.dripline.draft;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dripline.draft.Post.Block;
import org.dripline.draft.Post.Kind;
import org.dripline.draft.PostOutline.Element;
import org.jsoup.parser.Parser;

/**
 * A Markdown post, read line by line: ATX ({@code #}, {@code ##}) and setext headings, paragraphs,
 * lists, quotes and fenced code; front matter gives the title and the post's address ({@code url},
 * {@code canonical_url} or {@code permalink}, when absolute https). Inline markup is reduced to its
 * text (emphasis, links, code); images are left out: an email draft has their place, not their file.
 */
final class MarkdownPosts {

  private static final Pattern ATX = Pattern.compile("^ {0,3}(#{1,6})(?:\\s+(.*?))?(?:\\s+#+)?\\s*$");
  private static final Pattern SETEXT = Pattern.compile("^ {0,3}(=+|-+)\\s*$");
  private static final Pattern BREAK = Pattern.compile("^ {0,3}([-*_])(\\s*\\1){2,}\\s*$");
  private static final Pattern ITEM = Pattern.compile("^\\s*(?:[-*+]|\\d{1,9}[.)])\\s+(.*)$");
  private static final Pattern QUOTE = Pattern.compile("^ {0,3}>\\s?(.*)$");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~).*$");
  private static final Pattern IMAGE_LINE = Pattern.compile("^\\s*!\\[[^\\]]*]\\([^)]*\\)\\s*$");
  private static final Pattern FRONT = Pattern.compile("^([A-Za-z_]+)\\s*:\\s*(.*)$");

  private final List<Element> elements = new ArrayList<>();
  private final List<String> paragraph = new ArrayList<>();
  private final List<String> items = new ArrayList<>();
  private final List<String> quote = new ArrayList<>();

  private MarkdownPosts() {
  }

  static Post read(String text, String url) {
    String[] lines = text.split("\n", -1);
    int start = 0;
    String title = null;
    String found = null;
    if (lines.length > 0 && lines[0].strip().equals("---")) {
      for (int i = 1; i < lines.length; i++) {
        if (lines[i].strip().equals("---") || lines[i].strip().equals("...")) {
          start = i + 1;
          break;
        }
        Matcher m = FRONT.matcher(lines[i].strip());
        if (m.matches()) {
          String value = m.group(2).strip().replaceAll("^[\"']|[\"']$", "");
          String key = m.group(1).toLowerCase(java.util.Locale.ROOT);
          if (key.equals("title") && !value.isEmpty()) {
            title = value;
          } else if ((key.equals("url") || key.equals("canonical_url") || key.equals("permalink"))
              && value.startsWith("https://")) {
            found = value;
          }
        }
      }
    }
    MarkdownPosts reader = new MarkdownPosts();
    reader.parse(lines, start);
    return PostOutline.outline(title, url != null ? url : found, reader.elements, 2, false);
  }

  private void parse(String[] lines, int start) {
    for (int i = start; i < lines.length; i++) {
      String line = lines[i];
      Matcher fence = FENCE.matcher(line);
      if (fence.matches()) {
        flush();
        List<String> code = new ArrayList<>();
        while (++i < lines.length && !lines[i].strip().startsWith(fence.group(1))) {
          code.add(lines[i].strip());
        }
        String joined = String.join(" ", code.stream().filter(l -> !l.isEmpty()).toList());
        if (!joined.isEmpty()) {
          elements.add(Element.block(Block.of(Kind.QUOTE, joined)));
        }
        continue;
      }
      if (line.isBlank()) {
        flush();
        continue;
      }
      Matcher setext = SETEXT.matcher(line);
      if (setext.matches() && !paragraph.isEmpty()) {
        String heading = String.join(" ", paragraph);
        paragraph.clear();
        flush();
        elements.add(Element.heading(setext.group(1).startsWith("=") ? 1 : 2, inline(heading)));
        continue;
      }
      if (BREAK.matcher(line).matches() || IMAGE_LINE.matcher(line).matches() || line.strip().startsWith("<!--")) {
        flush();
        continue;
      }
      Matcher atx = ATX.matcher(line);
      if (atx.matches()) {
        flush();
        elements.add(Element.heading(atx.group(1).length(), inline(atx.group(2) == null ? "" : atx.group(2))));
        continue;
      }
      Matcher q = QUOTE.matcher(line);
      if (q.matches()) {
        flushExcept(quote);
        quote.add(q.group(1).strip());
        continue;
      }
      Matcher item = ITEM.matcher(line);
      if (item.matches()) {
        flushExcept(items);
        items.add(item.group(1).strip());
        continue;
      }
      if (!items.isEmpty()) {
        // a continuation of the item above (indented or lazy)
        items.set(items.size() - 1, items.get(items.size() - 1) + " " + line.strip());
        continue;
      }
      if (!quote.isEmpty()) {
        quote.add(line.strip());
        continue;
      }
      paragraph.add(line.strip());
    }
    flush();
  }

  private void flushExcept(List<String> keep) {
    if (keep != paragraph && !paragraph.isEmpty()) {
      add(Kind.PARAGRAPH, List.of(String.join(" ", paragraph)));
      paragraph.clear();
    }
    if (keep != items && !items.isEmpty()) {
      add(Kind.LIST, List.copyOf(items));
      items.clear();
    }
    if (keep != quote && !quote.isEmpty()) {
      add(Kind.QUOTE, List.of(String.join(" ", quote.stream().filter(l -> !l.isEmpty()).toList())));
      quote.clear();
    }
  }

  private void flush() {
    flushExcept(null);
  }

  private void add(Kind kind, List<String> texts) {
    List<String> clean = texts.stream().map(MarkdownPosts::inline).filter(t -> !t.isBlank()).toList();
    if (!clean.isEmpty()) {
      elements.add(Element.block(new Block(kind, clean)));
    }
  }

  /** Inline Markdown reduced to the text a reader sees. */
  static String inline(String markdown) {
    String text = markdown
        .replaceAll("!\\[[^\\]]*]\\([^)]*\\)", "")
        .replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1")
        .replaceAll("\\[([^\\]]*)]\\[[^\\]]*]", "$1")
        .replaceAll("<(https?://[^>\\s]+)>", "$1")
        .replaceAll("`([^`]*)`", "$1")
        .replaceAll("(\\*\\*|__)(\\S(?:.*?\\S)?)\\1", "$2")
        .replaceAll("(?<![\\w*])\\*(\\S(?:.*?\\S)?)\\*(?![\\w*])", "$1")
        .replaceAll("(?<![\\w_])_(\\S(?:.*?\\S)?)_(?![\\w_])", "$1")
        .replaceAll("</?[A-Za-z][^>]*>", " ")
        .replaceAll("\\\\([!-/:-@\\[-`{-~])", "$1");
    return Parser.unescapeEntities(text, false).replaceAll("\\s+", " ").strip();
  }
}
