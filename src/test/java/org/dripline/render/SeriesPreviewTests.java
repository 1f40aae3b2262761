package org.dripline.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Writes every step of the shipped series, as Zoë (back from leave) and a reader without a name
 * get it, to target/series-preview/*.html; docs/series/preview.sh screenshots them at 375 and 600
 * px for the README.
 */
class SeriesPreviewTests {

  @Test
  void writesEveryStepAsHtml() throws IOException {
    Path out = Files.createDirectories(Path.of("target/series-preview"));
    for (String step : SeriesContentTests.STEPS) {
      var who = step.equals("week-1") ? SeriesContentTests.NAMELESS : SeriesContentTests.ZOE;
      Path file = out.resolve(step + ".html");
      Files.writeString(file, SeriesContentTests.render(step, who).html());
      Files.writeString(out.resolve(step + ".txt"), SeriesContentTests.render(step, who).text());
      assertThat(file).exists();
    }
  }
}
