package org.dripline.tracking;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * A bounce address per delivery (VERP): {@code bounces+<id>-<mac>@<domain>}, where {@code id} is
 * the delivery id and {@code mac} the first 80 bits of its HMAC under the link keys
 * ({@link TokenSigner}, purpose {@link Purpose#BOUNCE}), both in lower-case base32hex (RFC 4648
 * section 7: {@code 0-9a-v}). So a bounce sent back to it names its delivery even when it quotes
 * nothing of the original, and nobody can name a delivery they were not sent.
 *
 * <p>Why this shape: RFC 5321 allows 64 octets in a local part and this one takes at most 38
 * ({@code bounces+}, 13 for any id, a hyphen, 16 for the MAC); base32hex letters and digits are
 * atext, never need quoting, and mean the same in either case, because MTAs and mailbox software
 * may change the case of an address on its way back. 80 bits cannot be guessed online; the
 * address dies with its key like any link.
 */
@Component
public class BounceAddresses {

  /** The local part's fixed start: whatever a mailbox does with {@code +} (a sub-address), it is {@code bounces}. */
  public static final String PREFIX = "bounces+";
  static final int MAC_BYTES = 10;
  private static final String DIGITS = "0123456789abcdefghijklmnopqrstuv";
  private static final Pattern LOCAL_PART = Pattern.compile("bounces\\+([0-9a-v]{1,13})-([0-9a-v]{16})");

  private final TokenSigner signer;

  public BounceAddresses(TokenSigner signer) {
    this.signer = signer;
  }

  /** The envelope sender of delivery {@code deliveryId}: {@code bounces+<token>@<domain>}. */
  public String address(long deliveryId, String domain) {
    return PREFIX + token(deliveryId) + "@" + domain.toLowerCase(Locale.ROOT);
  }

  /** {@code <id>-<mac>}, lower case, at most 30 characters. */
  String token(long deliveryId) {
    return Long.toString(deliveryId, 32) + "-" + base32(signer.shortMac(Purpose.BOUNCE, deliveryId, MAC_BYTES));
  }

  /**
   * The delivery whose bounce address {@code address} is ({@code bounces+…@any.domain}, with or
   * without angle brackets, in any case), when its signature verifies under a configured key;
   * empty for anything else: another address, a malformed, forged or tampered token.
   */
  public Optional<Long> deliveryId(String address) {
    if (address == null) {
      return Optional.empty();
    }
    String value = address.strip();
    if (value.startsWith("<") && value.endsWith(">")) {
      value = value.substring(1, value.length() - 1);
    }
    int at = value.lastIndexOf('@');
    if (at <= 0 || at > 64) {
      return Optional.empty();
    }
    Matcher m = LOCAL_PART.matcher(value.substring(0, at).toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    long id;
    try {
      id = Long.parseLong(m.group(1), 32);
    } catch (NumberFormatException e) {
      return Optional.empty(); // beyond a long
    }
    // one spelling per id: "0a" and "a" must not both verify
    if (!Long.toString(id, 32).equals(m.group(1))) {
      return Optional.empty();
    }
    byte[] mac = unbase32(m.group(2));
    return signer.verifyShortMac(Purpose.BOUNCE, id, mac) ? Optional.of(id) : Optional.empty();
  }

  /** Whether {@code address} has the shape of a bounce address (not whether it verifies). */
  public static boolean looksLikeOne(String address) {
    return address != null && address.strip().toLowerCase(Locale.ROOT).replaceFirst("^<", "").startsWith(PREFIX);
  }

  /** 10 bytes as 16 base32hex characters, 5 bits each, most significant first. */
  static String base32(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 8 / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(DIGITS.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    return out.toString();
  }

  /** The inverse of {@link #base32} for the 16 characters the pattern admits. */
  static byte[] unbase32(String text) {
    byte[] out = new byte[text.length() * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      buffer = (buffer << 5) | DIGITS.indexOf(text.charAt(i));
      bits += 5;
      if (bits >= 8) {
        out[n++] = (byte) (buffer >> (bits - 8));
        bits -= 8;
      }
    }
    return out;
  }
}
