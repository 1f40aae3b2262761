package org.dripline.draft;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** How a post is written, told by its file name: the content of a file cannot say reliably. */
enum PostFormat {
  MARKDOWN, HTML, TEXT;

  static Optional<PostFormat> of(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".md") || name.endsWith(".markdown")) {
      return Optional.of(MARKDOWN);
    }
    if (name.endsWith(".html") || name.endsWith(".htm")) {
      return Optional.of(HTML);
    }
    return name.endsWith(".txt") ? Optional.of(TEXT) : Optional.empty();
  }
}
