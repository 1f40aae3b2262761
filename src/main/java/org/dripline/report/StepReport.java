package org.dripline.report;

/**
 * One step of a campaign report. Opens and clicks are unique per delivery (a reader who opens
 * three times counts once), human and machine apart (docs/architecture.md: only human events mean interest).
 * {@code pending} is planned and not yet sent; {@code ambiguous} is SENDING: in flight during a
 * run, or left by a crash (may have arrived). {@code bounces} counts hard and soft bounces from
 * the bounce mailbox plus addresses the SMTP server refused at send time (5xx). {@code subject} is
 * the subject rendered for a sample subscriber ({@link SampleSubjects}), never the template source;
 * when it cannot be rendered it is null and {@code subjectProblem} says why in one line.
 */
public record StepReport(String stepId, String subject, String subjectProblem, long sent, long failed, long skipped, long pending,
    long ambiguous, long opensHuman, long opensMachine, long clicksHuman, long clicksMachine, long unsubscribes,
    long bounces) {

  /** The rendered subject, or "(not rendered: why)" where one string is wanted. */
  public String subjectShown() {
    return subject != null ? subject : "(not rendered: " + subjectProblem + ")";
  }

  /** Human opens per message sent, 0 to 1. */
  public double openRate() {
    return sent == 0 ? 0 : (double) opensHuman / sent;
  }

  /** Human clicks per message sent, 0 to 1. */
  public double clickRate() {
    return sent == 0 ? 0 : (double) clicksHuman / sent;
  }
}
