package org.dripline.bounce;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.dripline.bounce.BounceReport.Kind;

/**
 * Reason, not class: what a bounce says about the address. The diagnostic text is read first,
 * because MTAs put the real cause in words and often a generic or wrong code beside it (550 5.7.1
 * for an unknown user, 5.0.0 for everything); the RFC 3463 subject and detail decide when the
 * text says nothing we know. Rules are tried in order, most specific first, so "sending quota
 * exceeded" is a rate limit before "quota exceeded" can make it a full mailbox.
 */
final class BounceClassifier {

  private record Rule(BounceReason reason, Pattern text) {
    Rule(BounceReason reason, String regex) {
      this(reason, Pattern.compile("(?i)" + regex));
    }
  }

  private static final List<Rule> RULES = List.of(
      // rate and volume limits name a quota or a limit too, so they come before the full mailbox
      new Rule(BounceReason.RATE_LIMITED, "rate.?limit|too many (connections|messages|recipients|emails|mails|concurrent)"
          + "|throttl|sending (quota|limit)|daily .{0,30}(quota|limit)|unusual rate|unexpected volume|\\[TS0[1-4]\\]"
          + "|greylist|graylist|come back later|exceeded the (hourly|daily|per)"),
      // a temporary DNS failure is the network, not a missing domain
      new Rule(BounceReason.SYSTEM_ERROR, "host not found, try again|temporary failure in name resolution"
          + "|dns (lookup )?(timeout|time-out|temporar|servfail)"),
      new Rule(BounceReason.MAILBOX_DISABLED, "(account|mailbox|user|address)( \\S+)? (has been |is |was )?"
          + "(disabled|deactivated|suspended|inactive|closed|frozen|locked|blocked for inactivity|no longer (active|in use|available))"
          + "|no longer (accepts mail|a valid|active|exists? at this)|recipient has moved|user has moved|has moved to"
          + "|account (has )?expired|expired account|mailbox (is )?not active|not an active (user|mailbox)"),
      new Rule(BounceReason.USER_UNKNOWN, "user unknown|unknown user|no such (user|mailbox|recipient|person|account|address)"
          + "|unknown (recipient|mailbox|local part|address|account)|recipient (address )?(not found|unknown|does not exist|invalid)"
          + "|mailbox (not found|does not exist|doesn't exist|unknown|not available for)|invalid (recipient|mailbox|address)"
          + "|(account|address|user|mailbox|recipient)( \\S+)? (that you tried to reach )?(does not|doesn't) exist"
          + "|no mailbox here by that name|recipnotfound|recipientnotfound|not listed in domino directory"
          + "|address (is )?not present|no such local user|unknown or illegal alias|user not found|not a valid (user|mailbox|recipient)"
          + "|(address|user) (does not exist|not found|unknown)|no longer exists|nosuchuser|bad destination mailbox"
          + "|(address|recipient|mailbox|user|account)[^.\\n]{0,40}(couldn't|could not|can't|cannot) be found"
          + "|(doesn't|does not) have an? \\S+ account|not our customer|invalid recipient"),
      new Rule(BounceReason.DOMAIN_UNKNOWN, "host or domain name not found|domain (name )?(not found|does not exist|unknown)"
          + "|no such domain|unrouteable (mail )?domain|unrouteable address|couldn't find any host named|nxdomain"
          + "|no (valid )?mx (record|host)|null mx|domain (has|with) no mx|host not found|unknown (host|domain)"
          + "|name service error|domain is not (valid|configured)|no route to domain"
          + "|no mail servers? (appears? to )?exists?|no mail exchanger"),
      new Rule(BounceReason.MESSAGE_TOO_LARGE, "message (size )?(too (big|large)|exceeds|is too (big|large))"
          + "|size (exceeds|limit exceeded)|exceeds (the )?(fixed )?(maximum|max)( message)? size|too large for"
          + "|message length exceeds|maximum message size|message file too big"),
      new Rule(BounceReason.MAILBOX_FULL, "mailbox (is )?full|mail ?box full|over ?quota|quota (exceeded|full)|exceeded (its|their|the|his|her)?\\s?(storage|quota)"
          + "|storage allocation|mailbox (size|storage) (limit )?exceeded|insufficient (mailbox )?storage for|out of storage|inbox is full|full mailbox"
          + "|mailfolder is full|user is over|not enough (disk )?space in (the )?mailbox"),
      new Rule(BounceReason.EXPIRED, "(message|delivery (time)?|lifetime) (has )?expired|retry (timeout|time) (exceeded|reached)"
          + "|in the queue too long|been in queue too long|could not be delivered within|gave up after|giving up after \\d"
          + "|delivery time ?out|queue(d)? (too long|lifetime)|maximum (delivery|queue) time|time limit exceeded for delivery"),
      new Rule(BounceReason.POLICY, "spam|blocked|block ?list|black ?list|deny ?list|spamhaus|spamcop|barracuda|\\brbl\\b|\\bdnsbl"
          + "|reputation|polic(y|ies)|access denied|not authori[sz]ed|relay(ing)? (access )?(denied|not permitted|prohibited)"
          + "|\\bspf\\b|dmarc|dkim|content (rejected|filter)|virus|malware|phish|administrative prohibition|sender (address )?rejected"
          + "|sender denied|bulk mail|unsolicited|junk|prohibited|not accepted|refused to accept|banned|listed (at|on|in)|abuse"),
      new Rule(BounceReason.SYSTEM_ERROR, "connection (timed out|refused|reset|lost|closed|dropped)|timed? ?out|no route to host"
          + "|network (is )?unreachable|internal (server )?error|local error|system (error|failure|not available)"
          + "|insufficient system storage|resources? (temporarily )?unavailable|service (not |un)available|lost connection"
          + "|tls (negotiation|handshake)|temporary (local )?(problem|failure|error)|server (busy|error)|try again later|loops back"
          + "|mail loop|too many hops|hop count exceeded"));

  /** RFC 3463 "subject.detail" where it names a reason by itself; "subject" alone for the rest of a subject. */
  private static final Map<String, BounceReason> CODES = Map.ofEntries(
      Map.entry("1.1", BounceReason.USER_UNKNOWN), Map.entry("1.3", BounceReason.USER_UNKNOWN),
      // Exchange's RESOLVER.ADR.RecipientNotFound; RFC 7505's null MX says the same of the whole domain
      Map.entry("1.10", BounceReason.USER_UNKNOWN),
      Map.entry("1.2", BounceReason.DOMAIN_UNKNOWN), Map.entry("4.4", BounceReason.DOMAIN_UNKNOWN),
      Map.entry("1.6", BounceReason.MAILBOX_DISABLED), Map.entry("2.1", BounceReason.MAILBOX_DISABLED),
      Map.entry("1.7", BounceReason.POLICY), Map.entry("1.8", BounceReason.POLICY),
      Map.entry("2.2", BounceReason.MAILBOX_FULL),
      Map.entry("2.3", BounceReason.MESSAGE_TOO_LARGE), Map.entry("3.4", BounceReason.MESSAGE_TOO_LARGE),
      Map.entry("4.5", BounceReason.RATE_LIMITED), Map.entry("5.3", BounceReason.RATE_LIMITED),
      Map.entry("4.7", BounceReason.EXPIRED),
      Map.entry("3", BounceReason.SYSTEM_ERROR), Map.entry("4", BounceReason.SYSTEM_ERROR),
      Map.entry("5", BounceReason.SYSTEM_ERROR), Map.entry("7", BounceReason.POLICY));

  private BounceClassifier() {
  }

  /**
   * The reason for one failed or delayed recipient.
   *
   * @param status     the RFC 3463 code (such as 5.1.1), or null when none was given
   * @param diagnostic the MTA's words (Diagnostic-Code, or the text of a text bounce), or null
   */
  static BounceReason reason(String status, String diagnostic) {
    if (diagnostic != null && !diagnostic.isBlank()) {
      for (Rule rule : RULES) {
        if (rule.text().matcher(diagnostic).find()) {
          return rule.reason();
        }
      }
    }
    if (status == null) {
      return BounceReason.OTHER;
    }
    String[] parts = status.split("\\.");
    if (parts.length != 3) {
      return BounceReason.OTHER;
    }
    BounceReason specific = CODES.get(parts[1] + "." + parts[2]);
    return specific != null ? specific : CODES.getOrDefault(parts[1], BounceReason.OTHER);
  }

  /**
   * Hard only when the failure is permanent and its reason condemns the address: a delay warning
   * or a 4.x.x code is transient whatever it says, and a 2.x.x report is no bounce at all.
   */
  static Kind kind(String action, String status, BounceReason reason) {
    if (status != null && status.startsWith("2.")) {
      return Kind.IGNORED;
    }
    boolean transientFailure = "delayed".equalsIgnoreCase(action) || (status != null && status.startsWith("4."));
    return reason.hard() && !transientFailure ? Kind.HARD_BOUNCE : Kind.SOFT_BOUNCE;
  }
}
