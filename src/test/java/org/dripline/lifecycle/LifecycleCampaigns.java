package org.dripline.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dripline.campaign.SeriesLinks;

/**
 * Three-step campaigns (welcome, week 1 on day 7, week 2 on day 14) over the series' templates,
 * one per lifecycle behaviour, each with its own audience tag so the tests do not mix.
 */
final class LifecycleCampaigns {

  /** on_resume: catch_up, exit_when: tag customer; audience tag {@code life}; hourly schedule. */
  static final String CATCH_UP = "life-catch-up";
  /** on_resume: shift; audience tag {@code life-shift}. */
  static final String SHIFT = "life-shift";

  private LifecycleCampaigns() {
  }

  static Path directory() {
    try {
      Path dir = Files.createTempDirectory("lifecycle-campaigns");
      Files.writeString(dir.resolve(CATCH_UP + ".yaml"), campaign(CATCH_UP, "life", """
          on_resume: catch_up
          reenroll: never
          exit_when: { tag: customer }
          schedule:
            run_every: PT1H
          """));
      Files.writeString(dir.resolve(SHIFT + ".yaml"), campaign(SHIFT, "life-shift", "on_resume: shift\n"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String campaign(String id, String tag, String lifecycle) {
    return """
        id: %s
        name: "Lifecycle %s"
        from: { name: "Maya", address: "stories@dripline.example" }
        postal_address: "1 Test Street, Springfield"
        audience:
          all: [ { tag: %s } ]
        %s
        %ssteps:
          - id: welcome
            offset: P0D
            template: working-mom-guilt/welcome
            subject: "Welcome"
          - id: week-1
            offset: P7D
            template: working-mom-guilt/week-1
            subject: "Week 1"
          - id: week-2
            offset: P14D
            template: working-mom-guilt/week-2
            subject: "Week 2"
        """.formatted(id, id, tag, SeriesLinks.YAML.strip(), lifecycle);
  }
}
