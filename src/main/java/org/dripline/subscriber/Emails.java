package org.dripline.subscriber;

import java.util.Locale;
import java.util.regex.Pattern;

/** The one definition of an acceptable subscriber address, shared by import and every future form. */
public final class Emails {

  // Deliberately stricter than RFC 5322: no quoted local parts, no comments, no IP literals.
  private static final Pattern ADDRESS = Pattern.compile(
      "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
          + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z]{2,63}");

  private Emails() {
  }

  public static boolean valid(String email) {
    return email != null && email.length() <= 254 && ADDRESS.matcher(email).matches()
        && email.indexOf('@') <= 64;
  }

  /** One subscriber per mailbox however it is typed: trimmed and lower-cased. */
  public static String normalize(String email) {
    return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
  }
}
