package org.dripline.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Real user agents, as each provider's fetcher sends them (README: "Who opens a message"). */
class MachineDetectorTests {

  static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
  static final String GMAIL_PROXY = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)";
  static final String APPLE_MPP = "Mozilla/5.0";
  static final String YAHOO_PROXY = "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html";
  static final String MICROSOFT_SCANNER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
      + " Chrome/42.0.2311.135 Safari/537.36 Edge/12.246 Mozilla/5.0";
  static final String OUTLOOK_DESKTOP = "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)";
  static final String IPHONE_MAIL = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15"
      + " (KHTML, like Gecko) Mobile/15E148";
  static final Instant SENT = Instant.parse("2026-12-01T08:00:00Z");
  static final Instant LATER = SENT.plus(Duration.ofHours(2));
  final MachineDetector detector = new MachineDetector(Duration.ofSeconds(10));

  @Test
  void aGmailOpenThroughGooglesProxyIsHumanOncePastTheMachineWindow() {
    // Google's proxy fetches when the reader opens the message, not on delivery
    assertThat(detector.open(GMAIL_PROXY, SENT, LATER))
        .isEqualTo(new MachineDetector.Verdict(false, null, "google-image-proxy"));
    assertThat(detector.open(GMAIL_PROXY, SENT, SENT.plusSeconds(3)).reason()).isEqualTo("TOO_SOON");
  }

  @Test
  void prefetchersOfAppleYahooAndMicrosoftAreMachinesWheneverTheyCome() {
    assertThat(detector.open(APPLE_MPP, SENT, LATER).reason()).isEqualTo("APPLE_MPP");
    assertThat(detector.open(YAHOO_PROXY, SENT, LATER).reason()).isEqualTo("YAHOO_PROXY");
    assertThat(detector.open(MICROSOFT_SCANNER, SENT, LATER).reason()).isEqualTo("MICROSOFT_SCANNER");
    assertThat(detector.click(false, false, MICROSOFT_SCANNER, SENT, LATER).reason()).isEqualTo("MICROSOFT_SCANNER");
    assertThat(detector.open("Mozilla/5.0 (compatible; Barracuda Sentinel)", SENT, LATER).reason())
        .isEqualTo("SCANNER_USER_AGENT");
  }

  @Test
  void mailAppsAndBrowsersLaterAreHumanAndInstantOpensAreNot() {
    assertThat(detector.open(FIREFOX, SENT, LATER)).isEqualTo(new MachineDetector.Verdict(false, null, "browser"));
    assertThat(detector.open(OUTLOOK_DESKTOP, SENT, LATER).machine()).isFalse();
    assertThat(detector.open(IPHONE_MAIL, SENT, LATER)).isEqualTo(new MachineDetector.Verdict(false, null, "mobile-browser"));
    assertThat(detector.open(FIREFOX, SENT, SENT.plusSeconds(3)).reason()).isEqualTo("TOO_SOON");
  }

  @Test
  void flagsHeadRequestsHoneypotsScannersAndInstantClicks() {
    assertThat(detector.click(true, false, FIREFOX, SENT, LATER).reason()).isEqualTo("HEAD_REQUEST");
    assertThat(detector.click(false, true, FIREFOX, SENT, LATER).reason()).isEqualTo("HONEYPOT");
    assertThat(detector.click(false, false, "Mozilla/5.0 (compatible; Barracuda Sentinel)", SENT, LATER).reason())
        .isEqualTo("SCANNER_USER_AGENT");
    assertThat(detector.click(false, false, "python-requests/2.31", SENT, LATER).reason()).isEqualTo("SCANNER_USER_AGENT");
    assertThat(detector.click(false, false, FIREFOX, SENT, SENT.plusSeconds(2)).reason()).isEqualTo("TOO_SOON");
    assertThat(detector.click(false, false, FIREFOX, null, LATER).machine()).isTrue();
  }

  @Test
  void aBrowserClickLaterIsHuman() {
    assertThat(detector.click(false, false, FIREFOX, SENT, LATER).machine()).isFalse();
    assertThat(detector.click(false, false, "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148",
        SENT, LATER)).isEqualTo(new MachineDetector.Verdict(false, null, "mobile-browser"));
  }
}
