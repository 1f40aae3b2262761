package org.dripline.change;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignLoader;

/**
 * Campaign files for change tests: a series of steps written as {@code id@offset} (template
 * {@code series/<id>}, or {@code id@offset=template}), with an optional {@code changes:} block.
 */
final class SeriesFiles {

  private SeriesFiles() {
  }

  static String yaml(String id, List<String> steps, String changes) {
    StringBuilder text = new StringBuilder("""
        id: %s
        name: "Series"
        from:
          address: "stories@dripline.example"
        postal_address: "Dripline, 100 Example Avenue, Springfield"
        audience:
          all:
            - tag: reader
        """.formatted(id));
    if (changes != null) {
      text.append("changes:\n");
      changes.lines().forEach(line -> text.append("  ").append(line).append('\n'));
    }
    text.append("steps:\n");
    for (String step : steps) {
      String[] idAndRest = step.split("@");
      String[] offsetAndTemplate = idAndRest[1].split("=");
      String template = offsetAndTemplate.length > 1 ? offsetAndTemplate[1] : idAndRest[0];
      text.append("  - id: ").append(idAndRest[0]).append('\n')
          .append("    offset: ").append(offsetAndTemplate[0]).append('\n')
          .append("    template: series/").append(template).append('\n')
          .append("    subject: \"").append(idAndRest[0]).append(" for ${subscriber.email}\"\n");
    }
    return text.toString();
  }

  static Path write(Path directory, String id, List<String> steps, String changes) {
    try {
      return Files.writeString(directory.resolve(id + ".yaml"), yaml(id, steps, changes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Campaign load(Path directory, String id, List<String> steps, String changes) {
    return new CampaignLoader().load(write(directory, id, steps, changes));
  }
}
