package org.dripline.newsletter.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.dripline.campaign.Broadcast.AbTest.Metric;
import org.junit.jupiter.api.Test;

/**
 * The winner rule on fixtures whose numbers were worked out independently (Wilson bounds and
 * two-proportion p-values from the textbook formulas, computed to full precision elsewhere).
 */
class WinnerChoiceTests {

  @Test
  void theHigherHumanOpenRateWinsAndItsIntervalIsWilsons() {
    // given a with 20 of 100 people opening and b with 10 of 100
    List<VariantTally> tallies = List.of(new VariantTally("a", 100, 20, 1), new VariantTally("b", 100, 10, 9));

    // when the winner is chosen by opens
    WinnerChoice.Result result = WinnerChoice.choose(tallies, Metric.OPENS);

    // then a wins, and its interval is the Wilson interval for 20/100: [0.13337, 0.28883]
    assertThat(result.winner()).isEqualTo("a");
    WinnerChoice.VariantStats a = result.variants().get(0);
    assertThat(a.rate()).isEqualTo(0.2);
    assertThat(a.low()).isCloseTo(0.133367, within(1e-6));
    assertThat(a.high()).isCloseTo(0.288829, within(1e-6));
  }

  @Test
  void clicksDecideWhenTheMetricIsClicks() {
    // given a ahead on opens and b ahead on clicks
    List<VariantTally> tallies = List.of(new VariantTally("a", 100, 20, 1), new VariantTally("b", 100, 10, 9));

    // when the winner is chosen by clicks
    WinnerChoice.Result result = WinnerChoice.choose(tallies, Metric.CLICKS);

    // then b wins, with the clicks as its successes
    assertThat(result.winner()).isEqualTo("b");
    assertThat(result.variants()).extracting(WinnerChoice.VariantStats::successes).containsExactly(1L, 9L);
  }

  @Test
  void aClearLeadIsSignificant() {
    // given 30% against 20% of 1,000 people each (z = 5.16, p = 2.4e-7)
    List<VariantTally> tallies = List.of(new VariantTally("a", 1000, 200, 0), new VariantTally("b", 1000, 300, 0));

    // when the winner is chosen
    WinnerChoice.Result result = WinnerChoice.choose(tallies, Metric.OPENS);

    // then b wins significantly
    assertThat(result.winner()).isEqualTo("b");
    assertThat(result.significant()).isTrue();
    assertThat(WinnerChoice.pValue(result.variants().get(1), result.variants().get(0))).isCloseTo(2.4176e-7, within(1e-9));
  }

  @Test
  void aModestLeadOnFewPeopleIsNotSignificant() {
    // given 21% against 20% of 100 people each (p = 0.861)
    List<VariantTally> tallies = List.of(new VariantTally("a", 100, 20, 0), new VariantTally("b", 100, 21, 0));

    // when the winner is chosen
    WinnerChoice.Result result = WinnerChoice.choose(tallies, Metric.OPENS);

    // then b still wins (the rest gets one variant either way), but not significantly
    assertThat(result.winner()).isEqualTo("b");
    assertThat(result.significant()).isFalse();
    assertThat(WinnerChoice.pValue(result.variants().get(1), result.variants().get(0))).isCloseTo(0.86096, within(1e-5));
  }

  @Test
  void thePValueMatchesTheTextbookTwoProportionTest() {
    // given 60/200 against 40/200: pooled rate 0.25, z = 2.3094, two-sided p = 0.020921
    WinnerChoice.VariantStats a = WinnerChoice.stats("a", 200, 60);
    WinnerChoice.VariantStats b = WinnerChoice.stats("b", 200, 40);

    // then the p-value says so, from either side
    assertThat(WinnerChoice.pValue(a, b)).isCloseTo(0.020921, within(1e-6));
    assertThat(WinnerChoice.pValue(b, a)).isCloseTo(0.020921, within(1e-6));
  }

  @Test
  void significanceIsAgainstTheRunnerUpNotTheWorstVariant() {
    // given a just ahead of b, and both far ahead of c (300 vs 290 of 1,000: p = 0.624)
    List<VariantTally> tallies = List.of(new VariantTally("a", 1000, 300, 0), new VariantTally("b", 1000, 290, 0),
        new VariantTally("c", 1000, 100, 0));

    // when the winner is chosen
    WinnerChoice.Result result = WinnerChoice.choose(tallies, Metric.OPENS);

    // then a wins, but its lead over b is not significant
    assertThat(result.winner()).isEqualTo("a");
    assertThat(result.significant()).isFalse();
  }

  @Test
  void aTieGoesToTheFirstVariantInFileOrder() {
    // given c and b tied at the top, in file order a, c, b
    List<VariantTally> tallies = List.of(new VariantTally("a", 100, 5, 0), new VariantTally("c", 100, 30, 0),
        new VariantTally("b", 100, 30, 0));

    // when the winner is chosen
    WinnerChoice.Result result = WinnerChoice.choose(tallies, Metric.OPENS);

    // then c, the first of the tied in the file, wins; not significantly; stats stay in file order
    assertThat(result.winner()).isEqualTo("c");
    assertThat(result.significant()).isFalse();
    assertThat(result.variants()).extracting(WinnerChoice.VariantStats::variant).containsExactly("a", "c", "b");
  }

  @Test
  void aVariantSentToNobodyHasRateZeroAndDecidesNothing() {
    // given b was sent to nobody (all its deliveries failed, or the test share rounded to nobody)
    List<VariantTally> tallies = List.of(new VariantTally("a", 50, 40, 0), new VariantTally("b", 0, 0, 0));

    // when the winner is chosen
    WinnerChoice.Result result = WinnerChoice.choose(tallies, Metric.OPENS);

    // then a wins, not significantly, and b's rate is 0 with the uninformative interval [0, 1]
    assertThat(result.winner()).isEqualTo("a");
    assertThat(result.significant()).isFalse();
    assertThat(result.variants().get(1)).isEqualTo(new WinnerChoice.VariantStats("b", 0, 0, 0.0, 0.0, 1.0));
  }

  @Test
  void nobodySentAtAllPicksTheFirstVariant() {
    // given a test nobody was sent yet
    List<VariantTally> tallies = List.of(new VariantTally("a", 0, 0, 0), new VariantTally("b", 0, 0, 0));

    // then the first variant wins, not significantly
    WinnerChoice.Result result = WinnerChoice.choose(tallies, Metric.CLICKS);
    assertThat(result.winner()).isEqualTo("a");
    assertThat(result.significant()).isFalse();
  }

  @Test
  void identicalExtremeRatesAreNotSignificant() {
    // given everyone opened both variants (no spread at all)
    List<VariantTally> tallies = List.of(new VariantTally("a", 10, 10, 0), new VariantTally("b", 10, 10, 0));

    // then a wins by file order, not significantly, and the interval of 10/10 stays inside [0, 1]
    WinnerChoice.Result result = WinnerChoice.choose(tallies, Metric.OPENS);
    assertThat(result.winner()).isEqualTo("a");
    assertThat(result.significant()).isFalse();
    assertThat(result.variants().get(0).low()).isCloseTo(0.722467, within(1e-6));
    assertThat(result.variants().get(0).high()).isLessThanOrEqualTo(1.0);
  }

  @Test
  void theErrorFunctionIsAccurate() {
    assertThat(WinnerChoice.erfc(0)).isCloseTo(1.0, within(1e-7));
    assertThat(WinnerChoice.erfc(0.5)).isCloseTo(0.4795001222, within(1e-7));
    assertThat(WinnerChoice.erfc(1)).isCloseTo(0.1572992071, within(1e-7));
    assertThat(WinnerChoice.erfc(2)).isCloseTo(0.0046777350, within(1e-8));
    assertThat(WinnerChoice.erfc(-1)).isCloseTo(1.8427007929, within(1e-7));
  }

  @Test
  void impossibleInputIsRefused() {
    assertThatThrownBy(() -> WinnerChoice.choose(List.of(), Metric.OPENS)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WinnerChoice.choose(List.of(new VariantTally("a", 1, 1, 0)), null))
        .isInstanceOf(IllegalArgumentException.class);
    // more openers than people sent would be a rate above 100%
    assertThatThrownBy(() -> new VariantTally("a", 1, 2, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VariantTally("a", -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
