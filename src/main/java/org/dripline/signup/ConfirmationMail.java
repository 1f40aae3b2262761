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
    String greeting = firstName == null || firstName.isBlank() ? "Hello," : "Hello " + HeaderText.clean(firstName) + ",";
    String lifetime = lifetime(settings.linkLifetime());
    String text = greeting + "\n\nPlease confirm that you want our emails by opening this link within " + lifetime
        + ":\n" + confirmUrl + "\n\nIf you did not sign up, ignore this email: you will not hear from us again.\n";
    String html = "<!DOCTYPE html><html lang=\"en\"><body><p>" + HtmlLinks.escape(greeting) + "</p>"
        + "<p>Please confirm that you want our emails (the link works for " + lifetime + "):</p>"
        + "<p><a id=\"confirm\" href=\"" + HtmlLinks.escape(confirmUrl) + "\">Confirm my subscription</a></p>"
        + "<p>If you did not sign up, ignore this email: you will not hear from us again.</p></body></html>";
    return new TransactionalMail.Mail(settings.from(), settings.fromName(), to, SUBJECT, text, html);
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
