package org.dripline.bounce;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who failed, in a bounce written for humans. Taking the first address in the prose gives the
 * original sender as often as the recipient (it is quoted in "your message from X", in the
 * returned headers, in the Return-Path), so the address is looked for where each MTA puts it, most
 * trustworthy first: the header Exim and Gmail add, the SMTP transcript, then each MTA's own
 * wording; only then an address of the original's To: that the report names, and last the first
 * address that is not the sender's, the bounce mailbox's or the reporting system's own.
 */
final class FailedRecipients {

  static final String ADDRESS = "[A-Za-z0-9._%+'=/-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})*\\.[A-Za-z]{2,63}";
  private static final Pattern ANY_ADDRESS = Pattern.compile(ADDRESS);
  // Reporting systems and per-delivery (VERP) bounce addresses; a subscriber may well be info@ or staff@.
  private static final Pattern SYSTEM = Pattern.compile("(?i)^((mailer-daemon|mail-daemon|mailerdaemon|postmaster)@|bounces?\\+).*");
  // Header lines of a quoted original (or of the bounce itself) that name the sender, not the recipient.
  private static final Pattern SENDER_LINE = Pattern.compile("(?im)^[ \\t>]*(?:From|Return-Path|Sender|Reply-To"
      + "|Envelope-From|X-Postfix-Sender|Original-Mail-From|MAIL FROM):[^\\n]*$");
  private static final Pattern TO_LINE = Pattern.compile("(?im)^[ \\t>]*To:[^\\n]*$");

  /** Each MTA's way of naming the failed address; group 1 is the address. Order matters only among overlaps. */
  private static final List<Pattern> RULES = List.of(
      // any MTA that shows the SMTP conversation: the RCPT TO is the recipient by definition
      rule("RCPT TO:?\\s*<(" + ADDRESS + ")>"),
      // text copies of an RFC 3464 report
      rule("(?:Final|Original)-Recipient:\\s*(?:rfc822;)?\\s*<?(" + ADDRESS + ")"),
      // Postfix, qmail, courier, Yahoo, OpenSMTPD: "<user@host>: reason" at the start of a line
      rule("(?m)^[ \\t]*<(" + ADDRESS + ")>:?"),
      // Exim: "The following address(es) failed:" / "...has not yet been delivered is:", the address indented below
      rule("(?:address\\(es\\) failed|following address(?:es)? failed|not yet been delivered (?:is|are)):\\s*<?(" + ADDRESS + ")"),
      // Sendmail
      rule("following addresses had (?:permanent fatal|transient non-fatal) errors\\s*-*\\s*<?(" + ADDRESS + ")"),
      // Exchange / Office 365 / Outlook.com
      rule("(?:Delivery has failed to these recipients or groups|following recipient\\(s\\) could not be reached"
          + "|Delivery to the following recipients? (?:failed|has been delayed)[^\\n:]*|could not be delivered to"
          + "|was not delivered to|unable to deliver your message to the following address(?:es)?"
          + "|to the following recipients?|following list of recipients"
          + "|the following (?:recipients?|addresses|address)(?:\\(s\\)|\\(es\\))?[^\\n:]{0,60}):?\\s*"
          + "(?:[^<\\n@]{0,80}[(<])?<?(" + ADDRESS + ")"),
      rule("(?:Your message to|message wasn't delivered to|problem delivering your message to|message (?:could not|couldn't)"
          + " be delivered to|delivery to|failed to deliver to|undeliverable to|not delivered to|unable to deliver to"
          + "|delivering to|message for)\\s*<?(" + ADDRESS + ")"),
      // Lotus Domino: "User someone (someone@example.org) not listed in Domino Directory"
      rule("User [^\\n(]{0,80}\\((" + ADDRESS + ")\\)"),
      // mail.ru and others: "Local mailbox user@host is unavailable", "mailbox user@host"
      rule("(?:mailbox|recipient|address|user)\\s+<?(" + ADDRESS + ")>?\\s+(?:is|was|does|not|unknown|has)"));

  private FailedRecipients() {
  }

  private static Pattern rule(String regex) {
    return Pattern.compile("(?i)" + regex);
  }

  /** What a bounce message says about its sides: the headers and text the rules read. */
  record Clues(String failedHeader, String from, List<String> ownAddresses, String fullText) {
  }

  /**
   * The failed recipient of a text bounce, or null when the report names none.
   *
   * @param report the human report (before the returned original)
   * @param clues  the bounce's own headers and the whole text (for the quoted original's sender and To:)
   */
  static String find(String report, Clues clues) {
    Set<String> notRecipients = notRecipients(clues);
    if (clues.failedHeader() != null) {
      for (String candidate : addresses(clues.failedHeader())) {
        if (!notRecipients.contains(candidate)) {
          return candidate;
        }
      }
    }
    for (Pattern rule : RULES) {
      Matcher m = rule.matcher(report);
      while (m.find()) {
        String candidate = m.group(1).toLowerCase(Locale.ROOT);
        if (!notRecipients.contains(candidate) && !SYSTEM.matcher(candidate).matches()) {
          return candidate;
        }
      }
    }
    List<String> originalTo = linesAddresses(TO_LINE, clues.fullText());
    originalTo.removeAll(notRecipients);
    String lower = report.toLowerCase(Locale.ROOT);
    for (String to : originalTo) {
      if (lower.contains(to)) {
        return to;
      }
    }
    for (String candidate : addresses(report)) {
      if (!notRecipients.contains(candidate) && !SYSTEM.matcher(candidate).matches()) {
        return candidate;
      }
    }
    // the report names nobody (Google Groups names only the group): the original went to one address of ours
    return originalTo.isEmpty() ? null : originalTo.get(0);
  }

  private static Set<String> notRecipients(Clues clues) {
    Set<String> excluded = new LinkedHashSet<>(linesAddresses(SENDER_LINE, clues.fullText()));
    if (clues.from() != null) {
      excluded.add(clues.from());
    }
    excluded.addAll(clues.ownAddresses());
    return excluded;
  }

  private static List<String> linesAddresses(Pattern lines, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = lines.matcher(text);
    while (m.find()) {
      for (String address : addresses(m.group())) {
        if (!found.contains(address)) {
          found.add(address);
        }
      }
    }
    return found;
  }

  /** Every address in a piece of text, lower-cased, in order, each once. */
  static List<String> addresses(String text) {
    List<String> found = new ArrayList<>();
    if (text == null) {
      return found;
    }
    Matcher m = ANY_ADDRESS.matcher(text);
    while (m.find()) {
      String address = m.group().toLowerCase(Locale.ROOT);
      if (!found.contains(address)) {
        found.add(address);
      }
    }
    return found;
  }
}
