package org.dripline.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Tells opens and clicks that no person made from the rest. Privacy proxies and link scanners
 * fetch every image and link of a message, so counting them as people would make every
 * subscriber look engaged; only human events may later satisfy segment conditions.
 *
 * <p>Mailbox providers differ in <em>when</em> their proxies fetch, and that decides the verdict
 * (the README's "Who opens a message" table has the evidence for each rule):
 * <ul>
 * <li>Google's image proxy fetches when the reader opens the message in Gmail (images are not
 * fetched on delivery; a reader's later opens hit Gmail's cache): a person, once past the machine
 * window after sending.
 * <li>Apple Mail Privacy Protection fetches on delivery to the device, whether or not it is read;
 * Yahoo's mail proxy and Microsoft's message scanning prefetch on arrival too: machines.
 * <li>Security gateways and HTTP libraries follow links to scan them: machines.
 * </ul>
 */
final class MachineDetector {

  /** Apple Mail Privacy Protection fetches images with exactly this user agent. */
  static final String APPLE_MPP = "Mozilla/5.0";
  /**
   * The frozen browser string Microsoft's mail scanning (Exchange Online / Outlook.com) fetches
   * images and links with on arrival: Edge 12 with a second {@code Mozilla/5.0} appended, which no
   * real Edge ever sent.
   */
  static final String MICROSOFT_SCANNER = "Edge/12.246 Mozilla/5.0";
  // Security gateways and HTTP libraries that pre-fetch links in received mail.
  private static final List<String> SCANNERS = List.of("barracuda", "proofpoint", "mimecast", "safelinks",
      "symantec", "trendmicro", "fortiguard", "sophos", "cisco", "ironport", "urldefense", "bitdefender",
      "python-requests", "python-urllib", "curl/", "wget/", "go-http-client", "java/", "okhttp", "libwww",
      "headlesschrome", "phantomjs", "bot", "crawler", "spider", "preview");

  private final Duration window;

  MachineDetector(Duration window) {
    this.window = window;
  }

  record Verdict(boolean machine, String reason, String userAgentClass) {
  }

  Verdict open(String userAgent, Instant sentAt, Instant now) {
    String ua = userAgent == null ? "" : userAgent.strip();
    String userAgentClass = classify(ua);
    switch (userAgentClass) {
      case "apple-mpp" -> {
        return new Verdict(true, "APPLE_MPP", userAgentClass);
      }
      case "yahoo-proxy" -> {
        return new Verdict(true, "YAHOO_PROXY", userAgentClass);
      }
      case "microsoft-scanner" -> {
        return new Verdict(true, "MICROSOFT_SCANNER", userAgentClass);
      }
      case "scanner" -> {
        return new Verdict(true, "SCANNER_USER_AGENT", userAgentClass);
      }
      default -> {
        // Google's image proxy included: it fetches when the reader opens the message.
      }
    }
    if (tooSoon(sentAt, now)) {
      return new Verdict(true, "TOO_SOON", userAgentClass);
    }
    return new Verdict(false, null, userAgentClass);
  }

  Verdict click(boolean head, boolean honeypot, String userAgent, Instant sentAt, Instant now) {
    String ua = userAgent == null ? "" : userAgent.strip();
    String userAgentClass = classify(ua);
    if (honeypot) {
      return new Verdict(true, "HONEYPOT", userAgentClass);
    }
    if (head) {
      return new Verdict(true, "HEAD_REQUEST", userAgentClass);
    }
    if (userAgentClass.equals("scanner") || userAgentClass.equals("microsoft-scanner")) {
      return new Verdict(true, userAgentClass.equals("scanner") ? "SCANNER_USER_AGENT" : "MICROSOFT_SCANNER",
          userAgentClass);
    }
    if (tooSoon(sentAt, now)) {
      return new Verdict(true, "TOO_SOON", userAgentClass);
    }
    return new Verdict(false, null, userAgentClass);
  }

  /**
   * True once a verdict no longer depends on the send time: the delivery was sent (its send time
   * is written once, when it turns SENT) and the machine window has passed.
   */
  boolean settled(Instant sentAt, Instant now) {
    return !tooSoon(sentAt, now);
  }

  private boolean tooSoon(Instant sentAt, Instant now) {
    // No sent time (still SENDING, or ambiguous): a person cannot have read it yet either.
    return sentAt == null || Duration.between(sentAt, now).compareTo(window) < 0;
  }

  /** A coarse class instead of the user agent itself: enough for reports, nothing that identifies a reader. */
  static String classify(String userAgent) {
    String ua = userAgent == null ? "" : userAgent.toLowerCase(Locale.ROOT);
    if (ua.isBlank()) {
      return "none";
    }
    if (ua.equals("mozilla/5.0")) {
      return "apple-mpp";
    }
    if (ua.contains("googleimageproxy")) {
      return "google-image-proxy";
    }
    if (ua.contains("yahoomailproxy")) {
      return "yahoo-proxy";
    }
    if (ua.contains(MICROSOFT_SCANNER.toLowerCase(Locale.ROOT))) {
      return "microsoft-scanner";
    }
    for (String scanner : SCANNERS) {
      if (ua.contains(scanner)) {
        return "scanner";
      }
    }
    if (ua.contains("mobile") || ua.contains("android") || ua.contains("iphone")) {
      return "mobile-browser";
    }
    return ua.startsWith("mozilla/5.0 (") ? "browser" : "other";
  }
}
