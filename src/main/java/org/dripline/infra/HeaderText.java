package org.dripline.infra;

import java.util.regex.Pattern;

/**
 * Text that ends up in a header (subject) or a one-line slot (preheader): line breaks, NUL and
 * other control or separator characters become spaces, so no value can start a new header.
 */
public final class HeaderText {

  private static final Pattern BREAKS = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\u0085]+");
  private static final Pattern SPACES = Pattern.compile("\\s{2,}");

  private HeaderText() {
  }

  public static String clean(String value) {
    if (value == null) {
      return null;
    }
    return SPACES.matcher(BREAKS.matcher(value).replaceAll(" ")).replaceAll(" ").strip();
  }
}
