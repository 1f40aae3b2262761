package org.dripline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shipped working-mom-guilt series without its 08:00-11:00 local send window, for tests that are
 * about something else (commands, reports, pages) and whose subscribers live in timezones that share
 * no morning hour: one run then sends to all of them, as the series did before it had a window. Tests
 * of the window itself use the shipped file.
 */
public final class AnyTimeSeries {

  private AnyTimeSeries() {
  }

  /** A new directory holding only the series, windowless: for {@code dripline.campaigns-dir}. */
  public static Path campaignsDir() {
    try {
      Path dir = Files.createTempDirectory("campaigns");
      Files.copy(Path.of("campaigns/working-mom-guilt.yaml"), dir.resolve("working-mom-guilt.yaml"));
      return stripWindow(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes the series' send window in {@code campaignsDir} (a copy of {@code campaigns/}); returns the directory. */
  public static Path stripWindow(Path campaignsDir) {
    Path file = campaignsDir.resolve("working-mom-guilt.yaml");
    try {
      String series = Files.readString(file);
      String windowless = series.replaceFirst("(?m)^  send_window: .*\\R", "");
      if (windowless.equals(series)) {
        throw new IllegalStateException(file + " has no send_window line: update " + AnyTimeSeries.class.getName());
      }
      Files.writeString(file, windowless);
      return campaignsDir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
