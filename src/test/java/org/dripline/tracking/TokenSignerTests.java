package org.dripline.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenSignerTests {

  static final String KEY_A = Base64.getEncoder().encodeToString("a-32-byte-secret-for-tests-only!".getBytes());
  static final String KEY_B = Base64.getEncoder().encodeToString("another-32-byte-secret-for-tests".getBytes());

  static TokenSigner signer(Map<String, String> keys, String active) {
    return new TokenSigner(new TrackingSettings(keys, active, Duration.ofSeconds(10), null, Duration.ofMillis(5), 10_000, 10_000));
  }

  @Test
  void verifiesItsOwnTokenForTheSamePurposeOnly() {
    // given a token for a click on link 7 of delivery 42
    TokenSigner signer = signer(Map.of("k1", KEY_A), "k1");
    String token = signer.sign(Purpose.CLICK, 42, 7);

    // when it is verified for each purpose / then only CLICK accepts it, with its claims
    assertThat(signer.verify(Purpose.CLICK, token)).contains(new TokenSigner.Claims(42, 7));
    for (Purpose other : Purpose.values()) {
      if (other != Purpose.CLICK) {
        assertThat(signer.verify(other, token)).as(other.name()).isEmpty();
      }
    }
    assertThat(token).startsWith("k1.42.7.").matches("[A-Za-z0-9._-]+");
  }

  @Test
  void rejectsChangedIdsNonCanonicalNumbersAndTruncation() {
    // given a valid token
    TokenSigner signer = signer(Map.of("k1", KEY_A), "k1");
    String token = signer.sign(Purpose.UNSUBSCRIBE, 42, 0);
    String mac = token.substring(token.lastIndexOf('.') + 1);

    // when its parts are changed / then nothing verifies
    assertThat(signer.verify(Purpose.UNSUBSCRIBE, "k1.43.0." + mac)).isEmpty();
    assertThat(signer.verify(Purpose.UNSUBSCRIBE, "k1.042.0." + mac)).isEmpty();
    assertThat(signer.verify(Purpose.UNSUBSCRIBE, "k1.42.00." + mac)).isEmpty();
    assertThat(signer.verify(Purpose.UNSUBSCRIBE, token.substring(0, token.length() - 1))).isEmpty();
    assertThat(signer.verify(Purpose.UNSUBSCRIBE, token + "A")).isEmpty();
    assertThat(signer.verify(Purpose.UNSUBSCRIBE, "")).isEmpty();
    assertThat(signer.verify(Purpose.UNSUBSCRIBE, null)).isEmpty();
    // base64 decoders ignore the unused low bits of the last character; the string compare does not
    char last = mac.charAt(mac.length() - 1);
    char sibling = (char) (last ^ 1);
    assertThat(signer.verify(Purpose.UNSUBSCRIBE, token.substring(0, token.length() - 1) + sibling)).isEmpty();
  }

  @Test
  void keepsAcceptingTokensOfAnOldKeyAfterRotation() {
    // given a token signed before the rotation
    String old = signer(Map.of("k1", KEY_A), "k1").sign(Purpose.OPEN, 5, 0);

    // when k2 becomes active and k1 stays listed
    TokenSigner rotated = signer(Map.of("k1", KEY_A, "k2", KEY_B), "k2");

    // then the old token still verifies, new ones name k2, and a dropped key's tokens fail
    assertThat(rotated.verify(Purpose.OPEN, old)).isPresent();
    assertThat(rotated.sign(Purpose.OPEN, 5, 0)).startsWith("k2.");
    assertThat(signer(Map.of("k2", KEY_B), "k2").verify(Purpose.OPEN, old)).isEmpty();
  }

  @Test
  void aTokenWithTheSameKeyIdButAnotherSecretFails() {
    String token = signer(Map.of("k1", KEY_A), "k1").sign(Purpose.OPEN, 5, 0);
    assertThat(signer(Map.of("k1", KEY_B), "k1").verify(Purpose.OPEN, token)).isEmpty();
  }

  @Test
  void refusesShortKeysAndAnActiveKeyThatIsNotConfigured() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> signer(Map.of("k1", shortKey), "k1")).hasMessageContaining("at least 32 bytes");
    assertThatThrownBy(() -> signer(Map.of("k1", KEY_A, "k2", KEY_B), "k3")).hasMessageContaining("active-key");
  }

  @Test
  void generatesARandomKeyWhenNoneIsConfigured() {
    // given two processes without configured keys
    TokenSigner one = signer(Map.of(), null);
    TokenSigner two = signer(Map.of(), null);

    // then each verifies its own tokens but not the other's
    String token = one.sign(Purpose.OPEN, 1, 0);
    assertThat(one.verify(Purpose.OPEN, token)).isPresent();
    assertThat(two.verify(Purpose.OPEN, token)).isEmpty();
  }
}
