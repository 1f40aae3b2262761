package org.dripline.delivery.dkim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dripline.infra.GeneratedKeys;
import org.dripline.infra.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * DKIM (RFC 6376, rsa-sha256, relaxed/relaxed) over the bytes MessageComposer built, signed with
 * java.security directly: no copy of the message, no re-encoding. The key comes from
 * {@code dripline.dkim.private-key} (PKCS#8 PEM); without one, a 2,048-bit key is generated on the
 * first start on a database, stored there ({@code infra.GeneratedKeys}) and reused by every later
 * process, and its DNS record logged once. Real SMTP hosts refuse it ({@code delivery.SendPreflight}).
 */
@Component
public class DkimSigning {

  private static final Logger log = LoggerFactory.getLogger(DkimSigning.class);
  /**
   * RFC 8058 section 4 requires the two List-Unsubscribe headers to be covered by the signature;
   * Gmail ignores a Feedback-ID the signature does not cover, and List-Id is signed so nobody can
   * move a message to another list on the way.
   */
  static final List<String> SIGNED_HEADERS = List.of("From", "To", "Subject", "Date", "Message-ID", "Reply-To",
      "List-Id", "List-Unsubscribe", "List-Unsubscribe-Post", "Feedback-ID", "MIME-Version", "Content-Type");

  private final boolean enabled;
  private final String selector;
  private final String domain;
  private final RSAPrivateKey key;
  /** Where the RSA operation runs: AWS-LC when it loads and agrees with the JDK, else the JDK. */
  private final Provider provider;
  /** A Signature is not thread-safe but resets after sign(): one per sending thread, keyed once. */
  private final ThreadLocal<Signature> signatures = ThreadLocal.withInitial(this::signature);

  /** The name of the generated key in {@link GeneratedKeys}. */
  static final String GENERATED_NAME = "dkim";

  private final boolean generatedKey;

  /**
   * The configured {@code dripline.dkim.private-key}; without one (and signing on), the key
   * generated once per database and reused by every process on it. Its DNS record is logged
   * when it is generated; {@code dkim-record} prints it at any time.
   */
  @Autowired
  DkimSigning(DkimSettings settings, GeneratedKeys generated) {
    this(settings, settings.enabled() && settings.privateKey().isBlank()
        ? generated.getOrCreate(GENERATED_NAME, DkimSigning::newPrivateKeyPem) : null);
  }

  /** With the configured key only (tests); without one, a key for this instance alone. */
  DkimSigning(DkimSettings settings) {
    this(settings, settings.privateKey().isBlank() ? new GeneratedKeys.Stored(newPrivateKeyPem(), false) : null);
  }

  private DkimSigning(DkimSettings settings, GeneratedKeys.Stored generated) {
    this.enabled = settings.enabled();
    this.selector = settings.selector();
    this.domain = settings.domain().isBlank() ? null : settings.domain().strip();
    String privateKeyPem = settings.privateKey();
    this.generatedKey = privateKeyPem.isBlank();
    // Signing off and no key configured: nothing to sign with, and nothing generated or stored.
    this.key = !generatedKey ? parse(privateKeyPem) : generated == null ? null : parse(generated.secret());
    this.provider = enabled && settings.nativeCrypto() ? NativeRsa.provider(key) : null;
    if (enabled) {
      log.info("DKIM signs rsa-sha256 with the {} provider", providerName());
    }
    if (generated != null && generated.createdNow()) {
      log.warn("no dripline.dkim.private-key configured: generated a DKIM key and stored it in the database"
          + " (generated_keys), where every process on it finds it; receivers verify it with this DNS record"
          + " (`dkim-record` prints it again): {}", recordLine());
    }
  }

  /** Signing on, with the key Dripline generated because none is configured. */
  public boolean signsWithGeneratedKey() {
    return enabled && generatedKey;
  }

  /**
   * The record as a zone-file line, {@code <selector>._domainkey[.<domain>] TXT "v=DKIM1; ..."}:
   * without a configured domain, the name is relative to each From address's domain.
   */
  public String recordLine() {
    return selector + "._domainkey" + (domain == null ? "" : "." + domain) + " TXT \"" + dnsRecord() + "\"";
  }

  /**
   * The {@code DKIM-Signature} header line for a message made of {@code headerLines} (as written,
   * folded or not) and {@code body} (the bytes after the blank line), or null when signing is off.
   * d= is the configured domain or the From address's domain. Only the headers of
   * {@link #SIGNED_HEADERS} the message has are signed, in that order.
   */
  public String signatureHeader(List<String> headerLines, byte[] body, String fromAddress, Instant now) {
    if (!enabled) {
      return null;
    }
    Map<String, String> lastByName = new HashMap<>();
    for (String line : headerLines) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        lastByName.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line);
      }
    }
    StringBuilder names = new StringBuilder();
    StringBuilder signed = new StringBuilder(2048);
    for (String header : SIGNED_HEADERS) {
      String line = lastByName.get(header.toLowerCase(Locale.ROOT));
      if (line != null) {
        names.append(names.length() == 0 ? "" : ":").append(header.toLowerCase(Locale.ROOT));
        DkimCanonical.relaxedHeader(line, signed).append("\r\n");
      }
    }
    String d = domain != null ? domain : fromAddress.substring(fromAddress.indexOf('@') + 1);
    String unsigned = "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + d + "; s=" + selector
        + "; t=" + now.getEpochSecond() + ";\r\n\th=" + names + ";\r\n\tbh="
        + Base64.getEncoder().encodeToString(DkimCanonical.relaxedBodyHash(body)) + ";\r\n\tb=";
    // RFC 6376 3.7: the signature header itself goes last, with an empty b= and no trailing CRLF.
    DkimCanonical.relaxedHeader(unsigned, signed);
    try {
      Signature rsa = signatures.get();
      rsa.update(signed.toString().getBytes(StandardCharsets.UTF_8));
      return unsigned + Base64.getEncoder().encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("DKIM signing failed", e);
    }
  }

  private Signature signature() {
    try {
      Signature rsa = provider != null ? Signature.getInstance("SHA256withRSA", provider)
          : Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      return rsa;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA256withRSA unavailable", e);
    }
  }

  /** Which provider's RSA signs: shown at start and checked by the tests. */
  String providerName() {
    return provider != null ? provider.getName() : "JDK";
  }

  /** The TXT record to publish at {@code <selector>._domainkey.<domain>}. */
  public String dnsRecord() {
    if (key == null) {
      throw new InvalidInputException("DKIM signing is off (dripline.dkim.enabled=false) and no dripline.dkim.private-key"
          + " is configured: there is no key to publish");
    }
    try {
      return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(publicKey((RSAPrivateCrtKey) key).getEncoded());
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalStateException("cannot derive the DKIM public key", e);
    }
  }

  /** The public half of a CRT private key, which carries the modulus and public exponent. */
  static PublicKey publicKey(RSAPrivateCrtKey key) throws GeneralSecurityException {
    return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
  }

  /** A new 2,048-bit key as PKCS#8 PEM, the form {@code dripline.dkim.private-key} takes. */
  static String newPrivateKeyPem() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
          .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a DKIM key", e);
    }
  }

  private static RSAPrivateKey parse(String pem) {
    String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    try {
      RSAPrivateKey key = (RSAPrivateKey) KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
      if (key.getModulus().bitLength() < 2048) {
        throw new IllegalStateException("dripline.dkim.private-key must be at least 2048 bits");
      }
      return key;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("dripline.dkim.private-key is not an RSA PKCS#8 PEM key (BEGIN PRIVATE KEY)", e);
    }
  }
}
