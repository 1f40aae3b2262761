package org.dripline.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BarChartTests {

  static final List<BarChart.Group> TWO_STEPS = List.of(
      new BarChart.Group("welcome", 40, 10, 6, 4, 2),
      new BarChart.Group("week-1", 20, 5, 0, 0, 0));

  @Test
  void barsAreProportionalToTheNumbersOnOneScale() {
    // given two steps, the largest number 40 sent
    BarChart chart = BarChart.of(TWO_STEPS);

    // then the axis tops out at 40 and each bar's height is its share of the plot
    assertThat(chart.ticks()).extracting(BarChart.Tick::text).containsExactly("0", "10", "20", "30", "40");
    assertThat(bar(chart, "welcome", "sent").height()).isEqualTo(BarChart.PLOT_HEIGHT);
    assertThat(bar(chart, "week-1", "sent").height()).isEqualTo(BarChart.PLOT_HEIGHT / 2);
    assertThat(bar(chart, "welcome", "opens").height()).isEqualTo(BarChart.PLOT_HEIGHT / 4);
    assertThat(bar(chart, "welcome", "sent").y() + bar(chart, "welcome", "sent").height()).isEqualTo(chart.plotBottom());
  }

  @Test
  void machineEventsAreStackedApartAndNeverInTheHumanNumber() {
    BarChart chart = BarChart.of(TWO_STEPS);

    BarChart.Bar human = bar(chart, "welcome", "opens");
    BarChart.Bar machine = bar(chart, "welcome", "opens-machine");
    assertThat(machine.machine()).isTrue();
    assertThat(machine.value()).isEqualTo(6);
    assertThat(machine.y() + machine.height()).isEqualTo(human.y());
    assertThat(chart.labels()).filteredOn(l -> l.step().equals("welcome/opens")).extracting(BarChart.Label::text)
        .containsExactly("10");
    // no machine bar where there were no machine events
    assertThat(chart.bars()).noneMatch(b -> b.step().equals("week-1") && b.machine());
  }

  @Test
  void everyStepGetsThreeBarsAndALabelEvenWithNothingSent() {
    BarChart chart = BarChart.of(List.of(new BarChart.Group("welcome", 0, 0, 0, 0, 0)));

    assertThat(chart.bars()).extracting(BarChart.Bar::series).containsExactly("sent", "opens", "clicks");
    assertThat(chart.bars()).allMatch(b -> b.height() == 0);
    assertThat(chart.labels()).extracting(BarChart.Label::text).contains("welcome");
  }

  @Test
  void theAxisTopIsARoundNumberWithWholeQuarterTicks() {
    assertThat(BarChart.niceCeiling(0)).isEqualTo(4);
    assertThat(BarChart.niceCeiling(7)).isEqualTo(8);
    assertThat(BarChart.niceCeiling(9)).isEqualTo(20);
    assertThat(BarChart.niceCeiling(60)).isEqualTo(80);
    assertThat(BarChart.niceCeiling(420)).isEqualTo(800);
    assertThat(BarChart.niceCeiling(1000)).isEqualTo(2000);
  }

  static BarChart.Bar bar(BarChart chart, String step, String series) {
    return chart.bars().stream().filter(b -> b.step().equals(step) && b.series().equals(series)).findFirst().orElseThrow();
  }
}
