package org.dripline.tracking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dripline.infra.GeneratedKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
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

  /** The key id of the generated key; configured ids that equal it win (configured keys come first). */
  static final String GENERATED_ID = "gen";
  /** The name of the generated key in {@link GeneratedKeys}. */
  static final String GENERATED_NAME = "tracking";

  private final boolean generatedActive;

  /**
   * Configured keys ({@code dripline.tracking.keys}) when there are any: new links are signed with
   * the active one, and the generated key, if an earlier start on this database stored one, still
   * verifies the links it signed. Without configured keys: the generated key, made once per
   * database and reused by every process on it.
   */
  @Autowired
  TokenSigner(TrackingSettings settings, GeneratedKeys generated) {
    this(settings, settings.keys().isEmpty() ? generated.getOrCreate(GENERATED_NAME, TokenSigner::newSecret)
        : generated.find(GENERATED_NAME).map(secret -> new GeneratedKeys.Stored(secret, false)).orElse(null));
  }

  /** Configured keys only (tests); without any, a random key for this instance alone. */
  TokenSigner(TrackingSettings settings) {
    this(settings, settings.keys().isEmpty() ? new GeneratedKeys.Stored(newSecret(), false) : null);
  }

  /** {@code generated}: the stored generated key, or null when there is none (and keys are configured). */
  TokenSigner(TrackingSettings settings, GeneratedKeys.Stored generated) {
    settings.keys().forEach((id, secret) -> keys.put(id, key(id, secret)));
    if (keys.isEmpty()) {
      keys.put(GENERATED_ID, key(GENERATED_ID, generated.secret()));
      activeKey = GENERATED_ID;
      generatedActive = true;
      if (generated.createdNow()) {
        log.warn("no dripline.tracking.keys configured: generated a link signing key and stored it in the database"
            + " (generated_keys), where every process on it finds it; set dripline.tracking.keys.<id> and"
            + " dripline.tracking.active-key before sending real mail");
      }
    } else {
      activeKey = settings.activeKey() == null && keys.size() == 1 ? keys.keySet().iterator().next()
          : settings.activeKey();
      if (activeKey == null || !keys.containsKey(activeKey)) {
        throw new IllegalStateException("dripline.tracking.active-key must name one of dripline.tracking.keys");
      }
      generatedActive = false;
      if (generated != null) {
        // Links signed before keys were configured keep working; a configured "gen" id takes precedence.
        keys.putIfAbsent(GENERATED_ID, key(GENERATED_ID, generated.secret()));
      }
    }
  }

  /** 32 random bytes, base64: the form {@code dripline.tracking.keys} takes. */
  static String newSecret() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return Base64.getEncoder().encodeToString(random);
  }

  /**
   * New links are signed with the generated key because no {@code dripline.tracking.keys} are
   * configured: fine for the dev inbox, refused for real mail ({@code delivery.SendPreflight}).
   */
  public boolean signsWithGeneratedKey() {
    return generatedActive;
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

  /**
   * The first {@code length} bytes of the HMAC of (purpose, subject) with the active key: a
   * signature short enough for places a whole token does not fit (an address's local part).
   */
  byte[] shortMac(Purpose purpose, long subject, int length) {
    if (subject < 0) {
      throw new IllegalArgumentException("token ids are never negative");
    }
    return Arrays.copyOf(digest(activeKey, purpose, subject), length);
  }

  /**
   * Whether {@code mac} is the {@link #shortMac} of (purpose, subject) under any configured key:
   * a short signature names no key, so each is tried (there are a few), in constant time each.
   */
  boolean verifyShortMac(Purpose purpose, long subject, byte[] mac) {
    if (subject < 0 || mac.length == 0) {
      return false;
    }
    boolean verified = false;
    for (String keyId : keys.keySet()) {
      verified |= MessageDigest.isEqual(Arrays.copyOf(digest(keyId, purpose, subject), mac.length), mac);
    }
    return verified;
  }

  private byte[] digest(String keyId, Purpose purpose, long subject) {
    String signed = purpose.name() + "\n" + subject + "\n0\n" + keyId;
    return macs.get().computeIfAbsent(keyId, this::mac).doFinal(signed.getBytes(StandardCharsets.US_ASCII));
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
