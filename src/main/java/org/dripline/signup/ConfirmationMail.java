package org.dripline.signup;

import java.time.Duration;
import org.dripline.delivery.TransactionalMail;
import org.dripline.infra.HeaderText;
import org.dripline.tracking.HtmlLinks;

/** The double opt-in confirmation: subject, text and HTML, saying how long the link works. */
final class ConfirmationMail {

  static final String SUBJECT = "Please confirm your subscription";

  private ConfirmationMail() {
  }

  static TransactionalMail.Mail of(SignupSettings settings, String to, String firstName, String confirmUrl) {
    return of(settings, to, firstName, confirmUrl, null);
  }

  /** The confirmation of one list's membership when {@code listName} is set: the subject and text name the list. */
  static TransactionalMail.Mail of(SignupSettings settings, String to, String firstName, String confirmUrl,
      String listName) {
    String what = listName == null ? "our emails" : HeaderText.clean(listName);
    String greeting = firstName == null || firstName.isBlank() ? "Hello," : "Hello " + HeaderText.clean(firstName) + ",";
    String lifetime = lifetime(settings.linkLifetime());
    String text = greeting + "\n\nPlease confirm that you want " + what + " by opening this link within " + lifetime
        + ":\n" + confirmUrl + "\n\nIf you did not sign up, ignore this email: you will not hear from us again.\n";
    String html = "<!DOCTYPE html><html lang=\"en\"><body><p>" + HtmlLinks.escape(greeting) + "</p>"
        + "<p>Please confirm that you want " + HtmlLinks.escape(what) + " (the link works for " + lifetime + "):</p>"
        + "<p><a id=\"confirm\" href=\"" + HtmlLinks.escape(confirmUrl) + "\">Confirm my subscription</a></p>"
        + "<p>If you did not sign up, ignore this email: you will not hear from us again.</p></body></html>";
    String subject = listName == null ? SUBJECT : SUBJECT + " to " + HeaderText.clean(listName);
    return new TransactionalMail.Mail(settings.from(), settings.fromName(), to, subject, text, html);
  }

  /**
   * A link lifetime as people say it: hours up to two days ("48 hours" reads as a deadline better
   * than "2 days"), whole days beyond, else minutes or seconds. A lifetime that is not a whole
   * number of the unit is said in the next smaller unit, so the text never promises more than the link gives.
   */
  static String lifetime(Duration lifetime) {
    long seconds = lifetime.toSeconds();
    if (seconds % 86_400 == 0 && seconds > 2 * 86_400) {
      return count(seconds / 86_400, "day");
    }
    if (seconds % 3_600 == 0 && seconds > 0) {
      return count(seconds / 3_600, "hour");
    }
    if (seconds % 60 == 0 && seconds > 0) {
      return count(seconds / 60, "minute");
    }
    return count(seconds, "second");
  }

  private static String count(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
