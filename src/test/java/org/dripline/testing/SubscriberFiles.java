package org.dripline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CSV files of numbered subscribers for tests that need many of them. */
public final class SubscriberFiles {

  private SubscriberFiles() {
  }

  /** {@code count} subscribers {@code <prefix><n>@example.org}, tagged working-mom (the series' audience). */
  public static Path tagged(String prefix, int count) {
    StringBuilder csv = new StringBuilder("email,tags\n");
    for (int i = 0; i < count; i++) {
      csv.append(prefix).append(i).append("@example.org,working-mom\n");
    }
    try {
      Path file = Files.createTempFile(prefix, ".csv");
      Files.writeString(file, csv);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
