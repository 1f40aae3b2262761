package org.dripline.bounce;

import jakarta.mail.internet.InternetHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who complained. An ARF report names the recipient in {@code Original-Rcpt-To} (RFC 6650), but
 * many feedback loops leave it out or redact it, and older ones (Hotmail's JMRP, AOL's) send no
 * report part at all, only the returned message with the recipient in its own headers. The
 * returned message is ours, so its To: is the address we sent to.
 */
final class Complaints {

  // Hotmail's junk mail reporting program and similar loops: a forwarded original, no feedback-report part.
  private static final Pattern COMPLAINT_SUBJECT = Pattern.compile("(?i)(complaint about message from|abuse report"
      + "|spam (complaint|report)|feedback loop|junk mail report|email feedback report|scomp)");
  private static final String[] ORIGINAL_RECIPIENT_HEADERS = {"X-HmXmrOriginalRecipient", "X-Original-To",
      "Original-Recipient", "Delivered-To"};

  private Complaints() {
  }

  /** A message carrying a returned original and saying it is a complaint, though without an ARF part. */
  static boolean isProviderComplaint(String subject, InternetHeaders original) {
    if (original == null) {
      return false;
    }
    return original.getHeader("X-HmXmrOriginalRecipient") != null
        || (subject != null && COMPLAINT_SUBJECT.matcher(subject).find());
  }

  /**
   * Every complaining address, split: {@code Original-Rcpt-To} (each field, each comma-separated
   * address), then the older {@code Removal-Recipient}; without either, the returned original's
   * recipient headers. Redacted addresses (no domain) are skipped.
   */
  static List<String> recipients(InternetHeaders report, InternetHeaders original) {
    List<String> found = new ArrayList<>();
    if (report != null) {
      add(found, report.getHeader("Original-Rcpt-To"));
      if (found.isEmpty()) {
        add(found, report.getHeader("Removal-Recipient"));
      }
    }
    if (found.isEmpty() && original != null) {
      for (String name : ORIGINAL_RECIPIENT_HEADERS) {
        add(found, original.getHeader(name));
        if (!found.isEmpty()) {
          break;
        }
      }
      if (found.isEmpty()) {
        add(found, original.getHeader("To"));
      }
    }
    return found;
  }

  private static void add(List<String> found, String[] fields) {
    if (fields == null) {
      return;
    }
    for (String field : fields) {
      for (String address : FailedRecipients.addresses(field)) {
        if (!found.contains(address)) {
          found.add(address);
        }
      }
    }
  }
}
