package org.dripline.lists;

/**
 * One mailing list as its file defines it.
 *
 * @param id          the file name without extension: lower-case letters, digits and '-'
 * @param name        shown to subscribers (preference page, sign-up form)
 * @param description one or two sentences shown next to the name; may be empty
 * @param doubleOptIn whether joining waits for the confirmation mail (PENDING until then)
 * @param signUpForm  whether the public sign-up form offers this list
 */
public record MailingList(String id, String name, String description, boolean doubleOptIn, boolean signUpForm) {
}
