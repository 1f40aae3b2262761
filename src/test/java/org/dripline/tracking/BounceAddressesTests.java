package org.dripline.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BounceAddressesTests {

  final BounceAddresses addresses = TestSigners.bounceAddresses(Map.of("k1", TokenSignerTests.KEY_A), "k1");

  @Test
  void anAddressNamesItsDeliveryBackAtAnyDomain() {
    // given the bounce address of delivery 1001
    String address = addresses.address(1001, "Bounces.Dripline.Example");

    // when it is read back / then it names delivery 1001, with or without angle brackets
    assertThat(address).matches("bounces\\+[0-9a-v]+-[0-9a-v]{16}@bounces\\.dripline\\.example");
    assertThat(addresses.deliveryId(address)).contains(1001L);
    assertThat(addresses.deliveryId("<" + address + ">")).contains(1001L);
    assertThat(addresses.deliveryId(" " + address + " ")).contains(1001L);
  }

  @Test
  void anMtaThatChangesTheCaseOfTheAddressChangesNothing() {
    // given a bounce address
    String address = addresses.address(123_456_789L, "bounces.example.org");

    // when an MTA upper-cases it, or capitalises it / then it still names the delivery
    assertThat(addresses.deliveryId(address.toUpperCase(Locale.ROOT))).contains(123_456_789L);
    assertThat(addresses.deliveryId("Bounces+" + address.substring("bounces+".length()))).contains(123_456_789L);
  }

  @Test
  void theLocalPartFitsRfc5321ForEveryDeliveryId() {
    // given the smallest and the largest ids / then the local part stays well under 64 octets and is plain atext
    for (long id : new long[] {0, 1, 31, 32, 1_000_000, Long.MAX_VALUE}) {
      String address = addresses.address(id, "b.example.org");
      String local = address.substring(0, address.indexOf('@'));
      assertThat(local.length()).as(local).isLessThanOrEqualTo(38);
      assertThat(local).matches("[a-z0-9+-]+");
      assertThat(addresses.deliveryId(address)).as(address).contains(id);
    }
  }

  @Test
  void aTamperedForgedOrUnsignedAddressNamesNoDelivery() {
    // given a valid address of delivery 42
    String address = addresses.address(42, "bounces.example.org");
    String token = address.substring("bounces+".length(), address.indexOf('@'));
    String mac = token.substring(token.indexOf('-') + 1);

    // when its parts are changed / then nothing verifies
    assertThat(addresses.deliveryId("bounces+1b-" + mac + "@bounces.example.org")).isEmpty(); // another id
    assertThat(addresses.deliveryId("bounces+01a-" + mac + "@bounces.example.org")).isEmpty(); // leading zero
    char last = mac.charAt(mac.length() - 1);
    String flipped = mac.substring(0, mac.length() - 1) + (last == '0' ? '1' : '0');
    assertThat(addresses.deliveryId("bounces+1a-" + flipped + "@bounces.example.org")).isEmpty();
    assertThat(addresses.deliveryId("bounces+1a-" + mac.substring(1) + "@bounces.example.org")).isEmpty();
    assertThat(addresses.deliveryId("bounces+1a-" + "0".repeat(16) + "@bounces.example.org")).isEmpty();
    assertThat(addresses.deliveryId("bounces+1a@bounces.example.org")).isEmpty(); // unsigned
    assertThat(addresses.deliveryId("other+" + token + "@bounces.example.org")).isEmpty();
    assertThat(addresses.deliveryId("bounces+" + "v".repeat(13) + "-" + mac + "@x.org")).isEmpty(); // beyond a long
    assertThat(addresses.deliveryId("bounces+" + token)).isEmpty(); // no domain
    assertThat(addresses.deliveryId("")).isEmpty();
    assertThat(addresses.deliveryId(null)).isEmpty();
    // and another key's address does not verify here
    BounceAddresses other = TestSigners.bounceAddresses(Map.of("k2", TokenSignerTests.KEY_B), "k2");
    assertThat(addresses.deliveryId(other.address(42, "bounces.example.org"))).isEmpty();
  }

  @Test
  void anAddressSignedWithAnOldKeyStillVerifiesAfterARotation() {
    // given an address signed before the rotation
    String before = addresses.address(7, "bounces.example.org");

    // when a new key becomes active and the old one stays listed
    BounceAddresses rotated = TestSigners.bounceAddresses(
        Map.of("k1", TokenSignerTests.KEY_A, "k2", TokenSignerTests.KEY_B), "k2");

    // then both the old and the new addresses verify, and the new one differs
    assertThat(rotated.deliveryId(before)).contains(7L);
    assertThat(rotated.address(7, "bounces.example.org")).isNotEqualTo(before);
    assertThat(rotated.deliveryId(rotated.address(7, "bounces.example.org"))).contains(7L);
  }

  @Test
  void theShortSignatureIsNoLinkToken() {
    // given the signature of delivery 42's bounce address / then no other purpose's token shares it
    String token = addresses.token(42);
    TokenSigner signer = TestSigners.signer(Map.of("k1", TokenSignerTests.KEY_A), "k1");
    assertThat(signer.verify(Purpose.UNSUBSCRIBE, "k1.42.0." + token)).isEmpty();
    assertThat(BounceAddresses.unbase32(BounceAddresses.base32(new byte[] {-1, 0, 1, 2, 3, 4, 5, 6, 7, -128})))
        .containsExactly(-1, 0, 1, 2, 3, 4, 5, 6, 7, -128);
  }

  @Test
  void signingAndVerifyingAreMeasured() {
    // given 200,000 deliveries / when each gets its address and each address is verified (twice: the
    // first round warms the JIT up)
    int n = 200_000;
    for (int round = 1; round <= 2; round++) {
      long verified = 0;
      long started = System.nanoTime();
      String[] made = new String[n];
      for (int i = 0; i < n; i++) {
        made[i] = addresses.address(1_000_000L + i, "bounces.example.org");
      }
      long signed = System.nanoTime();
      for (String address : made) {
        verified += addresses.deliveryId(address).isPresent() ? 1 : 0;
      }
      long done = System.nanoTime();

      // then every one verifies (the cost per message is printed, for docs; no upper bound is asserted)
      assertThat(verified).isEqualTo(n);
      System.out.printf("bounce address, round %d: sign %.2f us, verify %.2f us per address%n", round,
          (signed - started) / 1e3 / n, (done - signed) / 1e3 / n);
    }
  }
}
