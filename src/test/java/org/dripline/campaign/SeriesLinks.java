package org.dripline.campaign;

/**
 * The {@code links:} block a test campaign needs when it borrows the working-mom-guilt templates:
 * those templates write {@code ${links.post}} and friends, and a campaign without them fails
 * validation, as it should. Kept in one place so a new link in the series is added once.
 */
public final class SeriesLinks {

  /** One YAML line, at column 0; indent it with {@link String#indent(int)} where needed. */
  public static final String YAML = "links: { post: \"https://example.org/p\", causes: \"https://example.org/p#causes\", "
      + "daycare: \"https://example.org/p#daycare\", burnout: \"https://example.org/p#burnout\", "
      + "self_care: \"https://example.org/p#self-care\", research: \"https://example.org/p#research\", "
      + "habits: \"https://example.org/p#habits\", community: \"https://example.org/community\", "
      + "newsletter: \"https://example.org/newsletter\" }\n";

  private SeriesLinks() {}
}
