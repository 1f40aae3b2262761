package org.dripline.signup;

import org.dripline.lists.MailingList;

/**
 * The consent a sign-up form shows next to its checkbox, and the version recorded when someone ticks it. The one
 * place that decides both, so the list's page, the archive's form and the stored consent record cannot disagree:
 * a list with its own {@code consent} text shows it and records its version; any other form shows the series-wide
 * {@code dripline.subscribe.consent-text} and records {@code consent-text-version}.
 *
 * @param text    what the visitor reads (plain text; the templates escape it)
 * @param version stored with the sign-up (at most 40 characters, the column's width)
 */
public record ConsentText(String text, String version) {

  /** The series-wide text and its configured version. */
  public static ConsentText series(SignupSettings settings) {
    return new ConsentText(settings.consentText(), settings.consentTextVersion());
  }

  /**
   * Whether a caller who says which version it showed ({@code given}) showed another text than this one: the
   * sign-up form's hidden field and the lists API's parameter alike. Null or blank says nothing (the current
   * text is recorded); surrounding spaces do not count.
   */
  public boolean isNot(String given) {
    return given != null && !given.isBlank() && !given.strip().equals(version);
  }

  /** The text of this list's form: its own when its file has one, else the series-wide one; null: the series form. */
  public static ConsentText of(MailingList list, SignupSettings settings) {
    return list == null || list.consent().isEmpty() ? series(settings)
        : new ConsentText(list.consent(), list.consentVersion());
  }
}
