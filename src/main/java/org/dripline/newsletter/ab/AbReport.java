package org.dripline.newsletter.ab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dripline.campaign.Broadcast;

/**
 * The A/B part of an issue's report as plain text lines, shared by the CLI and the report so both
 * say the same thing: each variant's people sent, people with a human open or click, and the rate
 * with its 95% interval; then the winner, and whether the data can tell the variants apart. When it
 * cannot, the report says so plainly: a marketer who reads "b won" from 21% against 20% on 300
 * people would otherwise learn something that is not there.
 */
public final class AbReport {

  /** Said whenever the winner's lead is not significant: the honest reading of the numbers. */
  public static final String NOT_SIGNIFICANT = "not significant: the winner was picked by the higher rate only";

  private AbReport() {
  }

  /**
   * @param result the winner choice (or the standings so far, before the window closes)
   * @param metric what the rates count: people with a human open, or a human click
   */
  public static List<String> lines(WinnerChoice.Result result, Broadcast.AbTest.Metric metric) {
    return lines(result, metric, List.of());
  }

  /**
   * As {@link #lines(WinnerChoice.Result, Broadcast.AbTest.Metric)}, with both counts of each variant
   * from its tally (the rate stays the metric's): a subject that wins on opens but loses on clicks
   * is worth seeing.
   *
   * @param tallies the tallies the result was chosen from; variants missing here show the metric's count only
   */
  public static List<String> lines(WinnerChoice.Result result, Broadcast.AbTest.Metric metric,
      List<VariantTally> tallies) {
    boolean clicks = metric == Broadcast.AbTest.Metric.CLICKS;
    String counted = clicks ? "human clicks" : "human opens";
    List<String> lines = new ArrayList<>();
    lines.add("A/B test by " + counted + " (unique people; machine events never count; 95% Wilson intervals)");
    int width = result.variants().stream().mapToInt(v -> v.variant().length()).max().orElse(1);
    for (WinnerChoice.VariantStats v : result.variants()) {
      VariantTally tally = tallies.stream().filter(t -> t.variant().equals(v.variant())).findFirst().orElse(null);
      String counts = tally == null ? String.format(Locale.ROOT, "%s %,d", counted, v.successes())
          : String.format(Locale.ROOT, "human opens %,d  human clicks %,d", tally.humanOpens(), tally.humanClicks());
      lines.add(String.format(Locale.ROOT, "  %-" + width + "s  sent %,d  %s  %s rate %s (95%% CI %s to %s)%s",
          v.variant(), v.sent(), counts, clicks ? "click" : "open", percent(v.rate()), percent(v.low()),
          percent(v.high()), v.variant().equals(result.winner()) ? "  <- winner" : ""));
    }
    lines.add(winnerLine(result));
    return List.copyOf(lines);
  }

  /** The last line of {@link #lines}: the winner, its lead and whether it is significant (the report's JSON carries it alone). */
  public static String winnerLine(WinnerChoice.Result result) {
    List<WinnerChoice.VariantStats> ranked = new ArrayList<>(result.variants());
    ranked.sort((a, b) -> Double.compare(b.rate(), a.rate()));
    WinnerChoice.VariantStats winner = result.variants().stream()
        .filter(v -> v.variant().equals(result.winner())).findFirst().orElse(ranked.get(0));
    if (ranked.size() < 2) {
      return "Winner: " + winner.variant() + " (the only variant; " + NOT_SIGNIFICANT + ")";
    }
    WinnerChoice.VariantStats runnerUp = ranked.stream().filter(v -> v != winner).findFirst().orElseThrow();
    double p = WinnerChoice.pValue(winner, runnerUp);
    String versus = String.format(Locale.ROOT, "%s against %s for %s, p %s", percent(winner.rate()),
        percent(runnerUp.rate()), runnerUp.variant(), pText(p));
    String verdict = result.significant() ? "significant" : NOT_SIGNIFICANT;
    String tie = winner.rate() == runnerUp.rate() ? "; a tie goes to the first variant in the file" : "";
    return "Winner: " + winner.variant() + " (" + versus + "; " + verdict + tie + ")";
  }

  private static String percent(double rate) {
    return String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }

  private static String pText(double p) {
    return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "= %.3f", p);
  }
}
