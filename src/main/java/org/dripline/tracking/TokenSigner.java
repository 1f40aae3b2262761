package org.dripline.tracking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * HMAC-SHA256 tokens over (purpose, subject id, link id, key id), written as
 * {@code keyId.subject.link.mac}. Verification accepts only the canonical spelling of each part
 * and compares the whole expected token in constant time, so no two strings verify as the same
 * claim (base64 decoders are lenient about trailing bits; string comparison is not).
 */
@Component
public class TokenSigner {

  private static final Logger log = LoggerFactory.getLogger(TokenSigner.class);
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");
  private static final Pattern SHAPE = Pattern.compile("([A-Za-z0-9_-]{1,16})\\.(0|[1-9][0-9]{0,18})\\.(0|[1-9][0-9]{0,18})\\.([A-Za-z0-9_-]{43})");
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final Map<String, SecretKeySpec> keys = new HashMap<>();
  // A Mac per thread and key: Mac.getInstance and init per token cost more than the HMAC itself.
  private final ThreadLocal<Map<String, Mac>> macs = ThreadLocal.withInitial(HashMap::new);
  private final String activeKey;

  TokenSigner(TrackingSettings settings) {
    settings.keys().forEach((id, secret) -> keys.put(id, key(id, secret)));
    if (keys.isEmpty()) {
      // The embedded default must work out of the box; links it signs die with the process.
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      keys.put("dev", new SecretKeySpec(random, "HmacSHA256"));
      activeKey = "dev";
      log.warn("no dripline.tracking.keys configured: signing links with a random key that changes at every start;"
          + " set dripline.tracking.keys.<id> and dripline.tracking.active-key for production");
    } else {
      activeKey = settings.activeKey() == null && keys.size() == 1 ? keys.keySet().iterator().next()
          : settings.activeKey();
      if (activeKey == null || !keys.containsKey(activeKey)) {
        throw new IllegalStateException("dripline.tracking.active-key must name one of dripline.tracking.keys");
      }
    }
  }

  private static SecretKeySpec key(String id, String secret) {
    if (!KEY_ID.matcher(id).matches()) {
      throw new IllegalStateException("dripline.tracking.keys: key id '" + id + "' must match " + KEY_ID);
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(secret.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("dripline.tracking.keys." + id + " is not base64");
    }
    if (bytes.length < 32) {
      throw new IllegalStateException("dripline.tracking.keys." + id + " must be at least 32 bytes (256 bits)");
    }
    return new SecretKeySpec(bytes, "HmacSHA256");
  }

  public String sign(Purpose purpose, long subject, long link) {
    if (subject < 0 || link < 0) {
      throw new IllegalArgumentException("token ids are never negative");
    }
    return token(activeKey, purpose, subject, link);
  }

  /** The claims of a token signed for this purpose with any configured key, or empty. */
  public Optional<Claims> verify(Purpose purpose, String token) {
    if (token == null) {
      return Optional.empty();
    }
    var m = SHAPE.matcher(token);
    if (!m.matches() || !keys.containsKey(m.group(1))) {
      return Optional.empty();
    }
    long subject;
    long link;
    try {
      subject = Long.parseLong(m.group(2));
      link = Long.parseLong(m.group(3));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    String expected = token(m.group(1), purpose, subject, link);
    boolean same = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        token.getBytes(StandardCharsets.US_ASCII));
    return same ? Optional.of(new Claims(subject, link)) : Optional.empty();
  }

  private String token(String keyId, Purpose purpose, long subject, long link) {
    String signed = purpose.name() + "\n" + subject + "\n" + link + "\n" + keyId;
    byte[] digest = macs.get().computeIfAbsent(keyId, this::mac).doFinal(signed.getBytes(StandardCharsets.US_ASCII));
    return keyId + "." + subject + "." + link + "." + BASE64URL.encodeToString(digest);
  }

  private Mac mac(String keyId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(keys.get(keyId));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** subject: a delivery id (or a subscriber id for CONFIRM); link: a link id, 0 when none. */
  public record Claims(long subject, long link) {
  }
}
