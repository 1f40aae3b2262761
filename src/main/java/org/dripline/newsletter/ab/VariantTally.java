package org.dripline.newsletter.ab;

/**
 * What one variant of an A/B test did, counted in unique people: how many were sent it, how many
 * of them opened it, how many clicked in it. Only human events count (see {@link VariantResults}),
 * so a privacy proxy that fetches every pixel cannot pick the winner.
 *
 * @param variant     the variant (step) id
 * @param sent        people whose message of this variant was sent
 * @param humanOpens  of them, people with at least one human open
 * @param humanClicks of them, people with at least one human click
 */
public record VariantTally(String variant, long sent, long humanOpens, long humanClicks) {

  public VariantTally {
    if (variant == null || variant.isBlank()) {
      throw new IllegalArgumentException("a tally names its variant");
    }
    if (sent < 0 || humanOpens < 0 || humanClicks < 0) {
      throw new IllegalArgumentException("counts are never negative: " + variant);
    }
    if (humanOpens > sent || humanClicks > sent) {
      // the people who opened or clicked are among the people sent: more would make a rate above 100%
      throw new IllegalArgumentException("more people opened or clicked than were sent: " + variant);
    }
  }
}
