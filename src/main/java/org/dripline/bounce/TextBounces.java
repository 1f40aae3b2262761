package org.dripline.bounce;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dripline.bounce.BounceReport.Kind;

/**
 * Bounces without a machine-readable report: Exim's "Mail delivery failed", qmail's "failure
 * notice", old Postfix and Sendmail text, and the prose Gmail and Outlook put in front. They are
 * read in order of trust: an RFC 3463 code, then a plain SMTP reply code, then wording; a bounce
 * that says nothing usable counts as soft, so an unclear message never suppresses anyone alone.
 */
final class TextBounces {

  private static final Pattern BOUNCE_SENDER = Pattern.compile("(?i)^(mailer-daemon|mail-daemon|mailerdaemon|postmaster)@.*");
  private static final Pattern BOUNCE_SUBJECT = Pattern.compile("(?i)(undeliver|returned mail|failure notice"
      + "|delivery (status notification|failure|has failed|failed|problem|incomplete)|mail delivery (failed|failure|subsystem)"
      + "|could not be delivered|non-?delivery|mail delivery status|delivery status notification|permanent delivery failure|message not delivered|delayed mail|warning: message .* delayed)");
  // Where the human-readable report ends and the copy of the original begins.
  // Postfix's "delete your own text from the attached returned message" is advice, not the separator.
  private static final Pattern SEPARATOR = Pattern.compile("(?im)^(?!.*delete your own text).*(copy of the message|below this line is a copy"
      + "|original message follows|original message headers|-{2,} ?original message|headers of the original message"
      + "|header of the original message|returned message|message headers follow|undelivered message attached"
      + "|text of the message follows).*$");
  private static final Pattern SMTP_REPLY = Pattern.compile("(?im)(?:^|said:|error|reply|response|was:|smtp;)[^\\n]{0,60}?"
      + "(?<![\\d.\\w])([45])\\d\\d(?=[ -]\\S|: \\S)");
  private static final Pattern PERMANENT = Pattern.compile("(?i)(permanent (error|failure)|permanently|i've given up|gave up"
      + "|user unknown|unknown user|no such (user|mailbox|recipient)|does not exist|doesn't exist|address rejected"
      + "|couldn't be found|could not be found|recipient not found|invalid recipient|mailbox unavailable)");
  private static final Pattern TRANSIENT = Pattern.compile("(?i)(temporar(y|ily)|delayed|will (be )?retr|still trying"
      + "|try again|deferred|not yet been delivered)");

  record Verdict(Kind kind, String recipient, String statusCode, BounceReason reason, String detail) {
  }

  private TextBounces() {
  }

  static boolean looksLikeBounce(String from, String subject, String text) {
    return (from != null && BOUNCE_SENDER.matcher(from).matches())
        || (subject != null && BOUNCE_SUBJECT.matcher(subject).find());
  }

  /** The quoted original (after the separator), or the whole text when there is no separator. */
  static String original(String text) {
    Matcher separator = SEPARATOR.matcher(text);
    return separator.find() ? text.substring(separator.end()) : text;
  }

  /** The human report: the text before the quoted original. */
  static String report(String text) {
    Matcher separator = SEPARATOR.matcher(text);
    return separator.find() ? text.substring(0, separator.start()) : text;
  }

  static Verdict read(String text, FailedRecipients.Clues clues) {
    String report = report(text);
    String recipient = FailedRecipients.find(report, clues);
    String code = failureCode(report);
    if (code != null) {
      return verdict(recipient, code, line(report, code), report);
    }
    Matcher reply = SMTP_REPLY.matcher(report);
    if (reply.find()) {
      return verdict(recipient, reply.group(1) + ".0.0", line(report, reply.group()), report);
    }
    Matcher transientWords = TRANSIENT.matcher(report);
    if (transientWords.find()) {
      return verdict(recipient, "4.0.0", line(report, transientWords.group()), report);
    }
    Matcher permanentWords = PERMANENT.matcher(report);
    if (permanentWords.find()) {
      return verdict(recipient, "5.0.0", line(report, permanentWords.group()), report);
    }
    BounceReason reason = BounceClassifier.reason(null, report);
    return new Verdict(BounceClassifier.kind("failed", null, reason), recipient, null, reason,
        "bounce without a status" + (reason == BounceReason.OTHER ? "; counted as soft" : ""));
  }

  /** The first 4.x.x or 5.x.x code: a transcript's "250 2.1.0 Sender OK" before the failure says nothing. */
  private static String failureCode(String report) {
    Matcher m = BounceParser.ENHANCED_CODE.matcher(report);
    while (m.find()) {
      if (!m.group().startsWith("2")) {
        return m.group();
      }
    }
    return null;
  }

  /** The evidence line names the reason when it can; the rest of the report only when it does not. */
  private static Verdict verdict(String recipient, String status, String evidence, String report) {
    BounceReason reason = BounceClassifier.reason(status, evidence);
    if (reason == BounceReason.OTHER) {
      reason = BounceClassifier.reason(null, report);
    }
    return new Verdict(BounceClassifier.kind("failed", status, reason), recipient, status, reason, evidence);
  }

  /** The line of the report that carries the evidence, for the event log. */
  private static String line(String report, String evidence) {
    int at = report.indexOf(evidence);
    if (at < 0) {
      return evidence;
    }
    int start = report.lastIndexOf('\n', at) + 1;
    int end = report.indexOf('\n', at);
    return report.substring(start, end < 0 ? report.length() : end).strip();
  }
}
