package org.dripline.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MachineDetectorTests {

  static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
  static final Instant SENT = Instant.parse("2026-12-01T08:00:00Z");
  static final Instant LATER = SENT.plus(Duration.ofHours(2));
  final MachineDetector detector = new MachineDetector(Duration.ofSeconds(10));

  @Test
  void flagsApplePrivacyProtectionGoogleProxyAndInstantOpens() {
    assertThat(detector.open("Mozilla/5.0", SENT, LATER).reason()).isEqualTo("APPLE_MPP");
    assertThat(detector.open("Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
        SENT, LATER).reason()).isEqualTo("GOOGLE_IMAGE_PROXY");
    assertThat(detector.open(FIREFOX, SENT, SENT.plusSeconds(3)).reason()).isEqualTo("TOO_SOON");
  }

  @Test
  void aBrowserOpenHoursLaterIsHuman() {
    MachineDetector.Verdict verdict = detector.open(FIREFOX, SENT, LATER);
    assertThat(verdict.machine()).isFalse();
    assertThat(verdict.userAgentClass()).isEqualTo("browser");
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
