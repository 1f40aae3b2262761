package org.dripline.draft;

import java.util.List;

/**
 * A post as a series needs it: its title, its address when the post says it, and its sections, each
 * one email. A section's blocks are its text in order; a {@link Kind#HEADING} block is a sub-heading
 * (a heading below the level the post was split at, or a section folded into a part).
 */
public record Post(String title, String url, List<Section> sections) {

  public Post {
    sections = List.copyOf(sections);
  }

  public record Section(String heading, List<Block> blocks) {

    public Section {
      blocks = List.copyOf(blocks);
    }

    /** The section's paragraphs, lists and quotes: what a reader reads, headings aside. */
    long textBlocks() {
      return blocks.stream().filter(b -> b.kind() != Kind.HEADING).count();
    }
  }

  /** One block of text: a paragraph and a quote have one item, a list one item per entry. */
  public record Block(Kind kind, List<String> items) {

    public Block {
      items = List.copyOf(items);
    }

    static Block of(Kind kind, String text) {
      return new Block(kind, List.of(text));
    }

    String text() {
      return String.join(" ", items);
    }
  }

  public enum Kind {
    PARAGRAPH, LIST, QUOTE, HEADING
  }
}
