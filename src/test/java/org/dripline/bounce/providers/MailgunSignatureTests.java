package org.dripline.bounce.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class MailgunSignatureTests {

  static final String KEY = "key-test-mailgun-signing-0123456789";
  static final Instant NOW = Instant.parse("2026-12-01T08:05:00Z");
  static final String TOKEN = "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0";

  MailgunSignature signature = new MailgunSignature(KEY, Duration.ofMinutes(5));

  @Test
  void aRequestSignedWithOurKeyNowVerifies() {
    long ts = NOW.getEpochSecond() - 30;
    assertThatCode(() -> signature.verify(Long.toString(ts), TOKEN,
        ProviderSigning.mailgunSignature(KEY, ts, TOKEN), NOW)).doesNotThrowAnyException();
  }

  @Test
  void theSignatureIsCheckedWhateverTheCaseOfItsHex() {
    long ts = NOW.getEpochSecond();
    assertThatCode(() -> signature.verify(Long.toString(ts), TOKEN,
        ProviderSigning.mailgunSignature(KEY, ts, TOKEN).toUpperCase(), NOW)).doesNotThrowAnyException();
  }

  @Test
  void anotherKeyAnotherTokenOrAnotherTimestampDoNotVerify() {
    long ts = NOW.getEpochSecond();
    String good = ProviderSigning.mailgunSignature(KEY, ts, TOKEN);
    assertRefused(() -> signature.verify(Long.toString(ts), TOKEN,
        ProviderSigning.mailgunSignature("another-key", ts, TOKEN), NOW), HttpStatus.FORBIDDEN, "does not verify");
    assertRefused(() -> signature.verify(Long.toString(ts), TOKEN + "x", good, NOW), HttpStatus.FORBIDDEN,
        "does not verify");
    assertRefused(() -> signature.verify(Long.toString(ts + 1), TOKEN, good, NOW), HttpStatus.FORBIDDEN,
        "does not verify");
    assertRefused(() -> signature.verify(Long.toString(ts), TOKEN, "zz-not-hex", NOW), HttpStatus.FORBIDDEN, "hex");
  }

  @Test
  void aStaleOrFarFutureTimestampIsRefusedEvenWhenSigned() {
    // given requests correctly signed 10 minutes ago and 10 minutes ahead (max age 5 minutes)
    for (long ts : new long[] {NOW.getEpochSecond() - 600, NOW.getEpochSecond() + 600}) {
      // then both are refused for their timestamp
      assertRefused(() -> signature.verify(Long.toString(ts), TOKEN, ProviderSigning.mailgunSignature(KEY, ts, TOKEN),
          NOW), HttpStatus.FORBIDDEN, "seconds from now");
    }
  }

  @Test
  void aRequestWithoutItsSignatureFieldsIsUnauthorized() {
    assertRefused(() -> signature.verify(null, TOKEN, "00", NOW), HttpStatus.UNAUTHORIZED, "required");
    assertRefused(() -> signature.verify("1", null, "00", NOW), HttpStatus.UNAUTHORIZED, "required");
    assertRefused(() -> signature.verify("1", TOKEN, null, NOW), HttpStatus.UNAUTHORIZED, "required");
  }

  static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, HttpStatus status,
      String detail) {
    assertThatThrownBy(call).isInstanceOfSatisfying(WebhookException.class, e -> {
      assertThat(e.status()).isEqualTo(status);
      assertThat(e.getMessage()).contains(detail);
    });
  }
}
