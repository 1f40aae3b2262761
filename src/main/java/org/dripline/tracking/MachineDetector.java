package org.dripline.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Tells opens and clicks that no person made from the rest. Privacy proxies and link scanners
 * fetch every image and link of a message, so counting them as people would make every
 * subscriber look engaged; only human events may later satisfy segment conditions.
 */
final class MachineDetector {

  /** Apple Mail Privacy Protection fetches images with exactly this user agent. */
  static final String APPLE_MPP = "Mozilla/5.0";
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
    if (ua.equals(APPLE_MPP)) {
      return new Verdict(true, "APPLE_MPP", "apple-mpp");
    }
    if (ua.contains("GoogleImageProxy") || ua.contains("ggpht.com")) {
      return new Verdict(true, "GOOGLE_IMAGE_PROXY", "google-image-proxy");
    }
    if (tooSoon(sentAt, now)) {
      return new Verdict(true, "TOO_SOON", classify(ua));
    }
    return new Verdict(false, null, classify(ua));
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
    if (userAgentClass.equals("scanner")) {
      return new Verdict(true, "SCANNER_USER_AGENT", userAgentClass);
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
