package org.dripline.newsletter.ab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;
import org.dripline.campaign.Broadcast;

/**
 * Picks the winner of an A/B test from its tallies, and says whether the numbers can tell the
 * variants apart.
 *
 * <p>The rule, in full: a variant's rate is the people with a human open (or click, per the issue's
 * metric) over the people sent it; the winner is the variant with the highest rate; on a tie, the
 * first of them in file order wins (the order of the tallies given), so the choice never depends on
 * anything but the numbers and the file. The winner always exists, because the rest of the audience
 * gets one variant either way; {@code significant} says whether the winner's lead over the runner-up
 * passes a two-sided two-proportion z-test at p &lt; 0.05. A variant sent to nobody has rate 0, the
 * uninformative interval [0, 1], and never makes a difference significant.
 *
 * <p>Each variant's 95% interval is Wilson's score interval: unlike the textbook "rate ± 1.96 standard
 * errors" it stays inside [0, 1] and does not collapse to a point at 0 or 100%, which matters for the
 * small test shares and low click rates of real issues.
 */
public final class WinnerChoice {

  /** The two-sided 95% normal quantile. */
  static final double Z95 = 1.959963984540054;
  /** The significance level of the winner's lead. */
  static final double ALPHA = 0.05;

  /**
   * @param winner      the variant the rest of the audience gets
   * @param significant whether the winner's lead over the runner-up is significant (p &lt; 0.05)
   * @param variants    every variant's numbers, in the order the tallies were given (file order)
   */
  public record Result(String winner, boolean significant, List<VariantStats> variants) {
    public Result {
      variants = List.copyOf(variants);
    }
  }

  /**
   * @param variant   the variant id
   * @param sent      people sent this variant
   * @param successes of them, people with a human open or click (the metric's)
   * @param rate      successes / sent, 0 when nobody was sent it
   * @param low       the 95% Wilson interval's lower bound
   * @param high      the 95% Wilson interval's upper bound
   */
  public record VariantStats(String variant, long sent, long successes, double rate, double low, double high) {
  }

  private WinnerChoice() {
  }

  /** The winner by the metric (human opens or human clicks); see the class comment for the rule. */
  public static Result choose(List<VariantTally> tallies, Broadcast.AbTest.Metric metric) {
    if (metric == null) {
      throw new IllegalArgumentException("an A/B test names its metric");
    }
    return chooseBy(tallies, metric == Broadcast.AbTest.Metric.CLICKS ? VariantTally::humanClicks : VariantTally::humanOpens);
  }

  static Result chooseBy(List<VariantTally> tallies, ToLongFunction<VariantTally> successes) {
    if (tallies == null || tallies.isEmpty()) {
      throw new IllegalArgumentException("no variants to choose from");
    }
    List<VariantStats> stats = new ArrayList<>();
    for (VariantTally tally : tallies) {
      stats.add(stats(tally.variant(), tally.sent(), successes.applyAsLong(tally)));
    }
    // A stable sort: among equal rates the earlier variant in file order stays first.
    List<VariantStats> ranked = new ArrayList<>(stats);
    ranked.sort(Comparator.comparingDouble(VariantStats::rate).reversed());
    VariantStats best = ranked.get(0);
    boolean significant = ranked.size() > 1 && pValue(best, ranked.get(1)) < ALPHA;
    return new Result(best.variant(), significant, stats);
  }

  /** A variant's rate and 95% Wilson score interval. */
  static VariantStats stats(String variant, long sent, long successes) {
    if (sent == 0) {
      return new VariantStats(variant, 0, 0, 0.0, 0.0, 1.0);
    }
    double n = sent;
    double p = successes / n;
    double z2 = Z95 * Z95;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / denominator;
    double half = Z95 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    return new VariantStats(variant, sent, successes, p, Math.max(0.0, centre - half), Math.min(1.0, centre + half));
  }

  /**
   * The two-sided p-value of a pooled two-proportion z-test between two variants: how likely a
   * difference at least this large would be if both had the same true rate. 1 when either was sent
   * to nobody, or when both rates are 0 or both 100% (no spread: nothing to tell apart).
   */
  public static double pValue(VariantStats a, VariantStats b) {
    if (a.sent() == 0 || b.sent() == 0) {
      return 1.0;
    }
    double pooled = (double) (a.successes() + b.successes()) / (a.sent() + b.sent());
    double standardError = Math.sqrt(pooled * (1 - pooled) * (1.0 / a.sent() + 1.0 / b.sent()));
    if (standardError == 0) {
      return 1.0;
    }
    double z = Math.abs(a.rate() - b.rate()) / standardError;
    return erfc(z / Math.sqrt(2));
  }

  /**
   * The complementary error function, to a relative error below 1.2e-7 (Numerical Recipes' Chebyshev
   * fit): plenty for a 0.05 threshold, and it keeps the engine free of a statistics library.
   */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }
}
