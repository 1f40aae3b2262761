package org.dripline.lists;

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

  /** A list without its own consent text (the series-wide one applies). */
  public MailingList(String id, String name, String description, boolean doubleOptIn, boolean signUpForm) {
    this(id, name, description, doubleOptIn, signUpForm, "");
  }
}
