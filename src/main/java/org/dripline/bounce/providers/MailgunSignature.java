package org.dripline.bounce.providers;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mailgun's webhook signature: HMAC-SHA256, keyed with the webhook signing key, of the timestamp
 * followed by the token, in hex. A signature proves who sent the request, not when: a request
 * whose timestamp is more than {@code maxAge} away from now is refused, and the token is
 * remembered ({@link WebhookTokens}) so the same request cannot be played again within that age.
 */
final class MailgunSignature {

  private final byte[] key;
  private final Duration maxAge;

  MailgunSignature(String signingKey, Duration maxAge) {
    this.key = signingKey.getBytes(StandardCharsets.UTF_8);
    this.maxAge = maxAge;
  }

  /** Throws a 401/403 {@link WebhookException} unless signed with our key within the accepted age. */
  void verify(String timestamp, String token, String signature, Instant now) {
    if (timestamp == null || token == null || signature == null) {
      throw WebhookException.unsigned("Mailgun webhook: signature.timestamp, .token and .signature are required");
    }
    byte[] expected = hmac(timestamp + token);
    byte[] given;
    try {
      given = HexFormat.of().parseHex(signature.toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw WebhookException.forged("Mailgun webhook: the signature is not hex");
    }
    if (!MessageDigest.isEqual(expected, given)) {
      throw WebhookException.forged("Mailgun webhook: the signature does not verify");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw WebhookException.forged("Mailgun webhook: the timestamp is not a number");
    }
    if (Math.abs(now.getEpochSecond() - seconds) > maxAge.toSeconds()) {
      throw WebhookException.forged("Mailgun webhook: the timestamp is more than " + maxAge.toSeconds()
          + " seconds from now (a stale or replayed request, or a wrong clock)");
    }
  }

  Duration maxAge() {
    return maxAge;
  }

  byte[] hmac(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
    }
  }
}
