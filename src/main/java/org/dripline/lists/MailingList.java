package org.dripline.lists;

import java.nio.charset.StandardCharsets;
import org.dripline.campaign.Hashes;

/**
 * One mailing list as its file defines it.
 *
 * @param id          the file name without extension: lower-case letters, digits and '-'
 * @param name        shown to subscribers (preference page, sign-up form)
 * @param description one or two sentences shown next to the name; may be empty
 * @param doubleOptIn whether joining waits for the confirmation mail (PENDING until then)
 * @param signUpForm  whether the public sign-up form offers this list
 * @param consent     the consent text the list's sign-up form shows (key {@code consent}); empty when the file
 *                    has none, and the form shows the series-wide {@code dripline.subscribe.consent-text}
 */
public record MailingList(String id, String name, String description, boolean doubleOptIn, boolean signUpForm,
    String consent) {

  public MailingList {
    consent = consent == null ? "" : consent;
  }

  /**
   * The version recorded when someone agrees to this list's own consent text: the short SHA-256 of
   * the text as loaded, the rule (and the 12 hex digits) every file version in Dripline is shown by.
   * It changes when a word changes, not when only the YAML around it does; the text it names is the
   * one in the list file's history with that hash. Empty when the list has no text of its own.
   */
  public String consentVersion() {
    return consent.isEmpty() ? "" : versionOf(consent);
  }

  /** The version of a consent text (see {@link #consentVersion()}): the one place this rule is written. */
  public static String versionOf(String text) {
    return Hashes.shortHash(Hashes.sha256(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** A list without its own consent text (the series-wide one applies). */
  public MailingList(String id, String name, String description, boolean doubleOptIn, boolean signUpForm) {
    this(id, name, description, doubleOptIn, signUpForm, "");
  }
}
