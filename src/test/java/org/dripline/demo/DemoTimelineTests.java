package org.dripline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignLoader;
import org.dripline.campaign.Schedule;
import org.dripline.testing.AnyTimeSeries;
import org.junit.jupiter.api.Test;

/**
 * The runs the demo replays: the series sends only in each reader's local morning, so every bundled
 * subscriber must meet a run inside her window on each day a step falls due, or her inbox stays empty.
 */
class DemoTimelineTests {

  static final Campaign SERIES = new CampaignLoader().load(Path.of("campaigns/working-mom-guilt.yaml"));
  static final Instant DAY_ZERO = Instant.parse("2026-12-01T08:00:00Z");

  @Test
  void everyBundledSubscriberMeetsARunInsideHerWindowOnEachDayAStepFallsDue() throws IOException {
    // given the demo subscribers' timezones (blank and unknown ones fall back to New York)
    List<String> zones = Files.readAllLines(Path.of("src/main/resources/demo/subscribers.csv")).stream().skip(1)
        .map(line -> line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)[2]).toList(); // commas outside quotes
    assertThat(zones).contains("America/Lima", "Pacific/Auckland", "Pacific/Honolulu", "");

    // when the demo's timeline for 43 days is laid out
    List<Instant> timeline = DemoRunner.timeline(SERIES, DAY_ZERO, 43);

    // then each step day within the 43 has a run every three hours (the window's length) for 24
    // hours, and no other day has runs
    List<Long> stepDays = List.of(0L, 7L, 14L, 17L, 21L, 28L, 35L, 42L);
    assertThat(timeline).hasSize(stepDays.size() * 8);
    assertThat(timeline).allSatisfy(at -> assertThat(stepDays)
        .contains(Duration.between(DAY_ZERO, at).toDays()));
    // and every subscriber has exactly one run inside her 08:00-11:00 on each of those days
    Schedule schedule = SERIES.schedule();
    for (long day : stepDays) {
      Instant due = DAY_ZERO.plus(Duration.ofDays(day));
      List<Instant> that = timeline.stream()
          .filter(at -> !at.isBefore(due) && at.isBefore(due.plus(Duration.ofDays(1)))).toList();
      for (String zone : zones) {
        assertThat(that).as("day %d, zone '%s'", day, zone).filteredOn(at -> schedule.open(at, zone)).hasSize(1);
      }
    }
  }

  @Test
  void aCampaignWithoutAWindowRunsOnceADay() {
    // given the series without its window
    Campaign anyTime = new CampaignLoader().load(AnyTimeSeries.campaignsDir().resolve("working-mom-guilt.yaml"));
    assertThat(anyTime.schedule().window()).isNull();

    // when laid out for 3 days / then one run a day, at day zero's hour
    assertThat(DemoRunner.timeline(anyTime, DAY_ZERO, 3))
        .containsExactly(DAY_ZERO, DAY_ZERO.plus(Duration.ofDays(1)), DAY_ZERO.plus(Duration.ofDays(2)));
  }
}
