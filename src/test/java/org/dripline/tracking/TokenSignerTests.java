package org.dripline.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.dripline.infra.GeneratedKeys;
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

  static TokenSigner withStored(Map<String, String> keys, String active, String storedSecret) {
    return new TokenSigner(new TrackingSettings(keys, active, Duration.ofSeconds(10), null, Duration.ofMillis(5),
        10_000, 10_000), storedSecret == null ? null : new GeneratedKeys.Stored(storedSecret, false));
  }

  @Test
  void withoutConfiguredKeysEveryProcessOnOneDatabaseSignsWithItsStoredKey() {
    // given two processes on one database (one stored key) and one on another database
    String stored = TokenSigner.newSecret();
    TokenSigner run = withStored(Map.of(), null, stored);
    TokenSigner serve = withStored(Map.of(), null, stored);
    TokenSigner elsewhere = withStored(Map.of(), null, TokenSigner.newSecret());

    // when the first signs an unsubscribe link
    String token = run.sign(Purpose.UNSUBSCRIBE, 1, 0);

    // then the second verifies it, the other database's does not, and both know the key is generated
    assertThat(token).startsWith(TokenSigner.GENERATED_ID + ".1.0.");
    assertThat(serve.verify(Purpose.UNSUBSCRIBE, token)).contains(new TokenSigner.Claims(1, 0));
    assertThat(elsewhere.verify(Purpose.UNSUBSCRIBE, token)).isEmpty();
    assertThat(serve.signsWithGeneratedKey()).isTrue();
  }

  @Test
  void configuredKeysTakePrecedenceAndLinksOfTheGeneratedKeyKeepWorking() {
    // given a link signed while no keys were configured
    String stored = TokenSigner.newSecret();
    String before = withStored(Map.of(), null, stored).sign(Purpose.UNSUBSCRIBE, 9, 0);

    // when keys are configured (the generated key still in the database)
    TokenSigner configured = withStored(Map.of("k2026", KEY_A), "k2026", stored);

    // then new links are signed with the configured key, and the old link still verifies
    assertThat(configured.signsWithGeneratedKey()).isFalse();
    assertThat(configured.sign(Purpose.UNSUBSCRIBE, 9, 0)).startsWith("k2026.");
    assertThat(configured.verify(Purpose.UNSUBSCRIBE, before)).contains(new TokenSigner.Claims(9, 0));
  }

  @Test
  void aConfiguredKeyNamedLikeTheGeneratedOneWins() {
    // given a configured key whose id is the generated key's id
    String stored = TokenSigner.newSecret();
    String generatedLink = withStored(Map.of(), null, stored).sign(Purpose.OPEN, 3, 0);
    TokenSigner configured = withStored(Map.of(TokenSigner.GENERATED_ID, KEY_A), null, stored);

    // when both kinds of link are verified / then only the configured secret counts for that id
    assertThat(configured.verify(Purpose.OPEN, generatedLink)).isEmpty();
    assertThat(configured.verify(Purpose.OPEN, configured.sign(Purpose.OPEN, 3, 0))).isPresent();
  }

  @Test
  void withoutADatabaseKeyATestSignerGetsARandomKeyOfItsOwn() {
    // given two signers built from settings alone, without configured keys
    TokenSigner one = signer(Map.of(), null);
    TokenSigner two = signer(Map.of(), null);

    // then each verifies its own tokens but not the other's
    String token = one.sign(Purpose.OPEN, 1, 0);
    assertThat(one.verify(Purpose.OPEN, token)).isPresent();
    assertThat(two.verify(Purpose.OPEN, token)).isEmpty();
  }
}
