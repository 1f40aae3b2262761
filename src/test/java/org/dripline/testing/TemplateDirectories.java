package org.dripline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Template directories for tests with their own campaigns: the shipped layouts and simple step templates. */
public final class TemplateDirectories {

  private TemplateDirectories() {
  }

  /**
   * A new temporary directory with the shipped layouts, and for each of {@code steps} a pair
   * {@code <folder>/<step>.html.ftlh} and {@code .txt.ftl} saying "This is <step>.".
   */
  public static Path withLayouts(String prefix, String folder, List<String> steps) {
    try {
      Path root = Files.createTempDirectory(prefix);
      Path layouts = Files.createDirectories(root.resolve("layouts"));
      try (Stream<Path> shipped = Files.list(Path.of("templates/layouts"))) {
        for (Path file : shipped.toList()) {
          Files.copy(file, layouts.resolve(file.getFileName()));
        }
      }
      Path stepDir = Files.createDirectories(root.resolve(folder));
      for (String step : steps) {
        Files.writeString(stepDir.resolve(step + ".html.ftlh"), "<p>This is " + step + ".</p>\n");
        Files.writeString(stepDir.resolve(step + ".txt.ftl"), "This is " + step + ".\n");
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
