package org.dripline.newsletter.ab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dripline.campaign.Broadcast.AbTest.Metric;
import org.junit.jupiter.api.Test;

/** The A/B report text: each variant's numbers with its interval, then the winner and an honest verdict. */
class AbReportTests {

  @Test
  void showsEachVariantWithItsIntervalAndASignificantWinner() {
    // given a clear lead on clicks
    WinnerChoice.Result result = WinnerChoice.choose(List.of(new VariantTally("a", 1000, 500, 200),
        new VariantTally("b", 1000, 480, 300)), Metric.CLICKS);

    // when the report lines are written
    List<String> lines = AbReport.lines(result, Metric.CLICKS);

    // then one line per variant with sent, human clicks and the rate with its 95% interval, and the verdict
    assertThat(lines).containsExactly(
        "A/B test by human clicks (unique people; machine events never count; 95% Wilson intervals)",
        "  a  sent 1,000  human clicks 200  rate 20.0% (95% CI 17.6% to 22.6%)",
        "  b  sent 1,000  human clicks 300  rate 30.0% (95% CI 27.2% to 32.9%)  <- winner",
        "Winner: b (30.0% against 20.0% for a, p < 0.001; significant)");
  }

  @Test
  void saysWhenTheDifferenceIsNotSignificant() {
    // given a narrow lead on few people
    WinnerChoice.Result result = WinnerChoice.choose(List.of(new VariantTally("a", 100, 20, 0),
        new VariantTally("b", 100, 21, 0)), Metric.OPENS);

    // when the report lines are written
    List<String> lines = AbReport.lines(result, Metric.OPENS);

    // then the last line names the winner and says the difference is not significant
    assertThat(lines.get(1)).contains("human opens 20").contains("rate 20.0%");
    assertThat(lines.get(lines.size() - 1)).isEqualTo(
        "Winner: b (21.0% against 20.0% for a, p = 0.861; " + AbReport.NOT_SIGNIFICANT + ")");
    assertThat(AbReport.NOT_SIGNIFICANT).isEqualTo("not significant: the winner was picked by the higher rate only");
  }

  @Test
  void aTieSaysTheFileOrderDecided() {
    // given two variants with the same rate
    WinnerChoice.Result result = WinnerChoice.choose(List.of(new VariantTally("a", 0, 0, 0),
        new VariantTally("b", 0, 0, 0)), Metric.OPENS);

    // then the winner line says the tie went to the first variant, and that nothing is significant
    assertThat(AbReport.lines(result, Metric.OPENS).get(3))
        .isEqualTo("Winner: a (0.0% against 0.0% for b, p = 1.000; " + AbReport.NOT_SIGNIFICANT
            + "; a tie goes to the first variant in the file)");
  }
}
