package org.dripline.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.dripline.infra.InvalidInputException;

/**
 * Files a command writes for its user (export --out, preview --out): whole or not at all, and
 * never through a symbolic link someone planted where the file goes. The content is written to
 * a fresh temporary file in the target's directory (created exclusively, so it cannot be a
 * planted link either) and renamed over the target; a rename replaces a directory entry and
 * never follows a link, so even a link planted after the check is replaced, not written through.
 * Problems name the real cause: the missing directory, the link, the permission.
 */
final class OutputFiles {

  /** Writes {@code target}'s content. */
  interface Content {
    void write(Writer writer) throws IOException;
  }

  private OutputFiles() {
  }

  /** The directory {@code target} will go in, checked: it exists and is a directory. */
  static Path directoryOf(Path target) {
    Path absolute = target.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    if (parent == null) {
      throw new InvalidInputException("cannot write " + target + ": name a file, not a root directory");
    }
    if (!Files.exists(parent)) {
      Path missing = parent;
      while (missing.getParent() != null && !Files.exists(missing.getParent())) {
        missing = missing.getParent();
      }
      throw new InvalidInputException("cannot write " + target + ": the directory " + parent + " does not exist"
          + (missing.equals(parent) ? "" : " (" + missing + " is missing)") + "; create it first");
    }
    if (!Files.isDirectory(parent)) {
      throw new InvalidInputException("cannot write " + target + ": " + parent + " is not a directory");
    }
    return parent;
  }

  /** Writes {@code target} atomically; refuses when it is a symbolic link or a directory. */
  static void write(Path target, Content content) throws IOException {
    Path directory = directoryOf(target);
    Path file = directory.resolve(target.getFileName());
    refuseLink(file);
    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidInputException(target + " is a directory; name a file, e.g. " + target.resolve("subscribers.csv"));
    }
    Path partial;
    try {
      partial = Files.createTempFile(directory, "." + target.getFileName() + ".", ".partial");
    } catch (AccessDeniedException e) {
      throw new InvalidInputException("cannot write " + target + ": no permission to create files in " + directory);
    }
    try {
      try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
        content.write(writer);
      }
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      if (e instanceof AccessDeniedException) {
        throw new InvalidInputException("cannot write " + target + ": permission denied");
      }
      throw e;
    }
  }

  /** Refuses {@code file} when it is a symbolic link, naming where it points. */
  static void refuseLink(Path file) throws IOException {
    if (Files.isSymbolicLink(file)) {
      throw new InvalidInputException("refusing to write " + file + ": it is a symbolic link (to "
          + Files.readSymbolicLink(file) + "); remove it or write somewhere else");
    }
  }

  /** {@code text} as the whole of {@code target}, as {@link #write}. */
  static void writeString(Path target, String text) throws IOException {
    write(target, writer -> writer.write(text));
  }
}
