package org.dripline.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * DKIM (RFC 6376, rsa-sha256, relaxed/relaxed) with simple-java-mail's signer. The key comes from
 * {@code dripline.dkim.private-key} (PKCS#8 PEM); without one, a 2,048-bit key is generated at
 * start and its DNS record logged, which is only good for the dev inbox and tests.
 */
@Component
class DkimSigning {

  private static final Logger log = LoggerFactory.getLogger(DkimSigning.class);
  /** RFC 8058 section 4 requires the two List-Unsubscribe headers to be covered by the signature. */
  static final List<String> SIGNED_HEADERS = List.of("From", "To", "Subject", "Date", "Message-ID", "Reply-To",
      "List-Unsubscribe", "List-Unsubscribe-Post", "MIME-Version", "Content-Type");

  private final boolean enabled;
  private final String selector;
  private final String domain;
  private final RSAPrivateKey key;

  DkimSigning(@Value("${dripline.dkim.enabled:true}") boolean enabled,
      @Value("${dripline.dkim.selector:dripline}") String selector, @Value("${dripline.dkim.domain:}") String domain,
      @Value("${dripline.dkim.private-key:}") String privateKeyPem) {
    this.enabled = enabled;
    this.selector = selector;
    this.domain = domain.isBlank() ? null : domain.strip();
    this.key = privateKeyPem.isBlank() ? generated() : parse(privateKeyPem);
    if (enabled && privateKeyPem.isBlank()) {
      log.warn("no dripline.dkim.private-key configured: signing with a generated key; receivers can verify it only"
          + " with this DNS record, which changes at every start: {}._domainkey TXT \"{}\"", selector, dnsRecord());
    }
  }

  /** A signed copy of the message; d= is the configured domain or the From address's domain. */
  MimeMessage sign(MimeMessage message) throws MessagingException {
    if (!enabled) {
      return message;
    }
    String from = ((InternetAddress) message.getFrom()[0]).getAddress();
    DkimSigner signer = new DkimSigner(domain != null ? domain : from.substring(from.indexOf('@') + 1), selector, key);
    signer.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
    signer.setHeaderCanonicalization(Canonicalization.RELAXED);
    signer.setBodyCanonicalization(Canonicalization.RELAXED);
    signer.setLengthParam(false);
    // No DNS lookups while sending: the published record is the operator's business.
    signer.setCheckDomainKey(false);
    SIGNED_HEADERS.forEach(signer::addHeaderToSign);
    return new DkimMessage(message, signer);
  }

  /** The TXT record to publish at {@code <selector>._domainkey.<domain>}. */
  String dnsRecord() {
    try {
      RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
      var publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
      return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(publicKey.getEncoded());
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalStateException("cannot derive the DKIM public key", e);
    }
  }

  private static RSAPrivateKey generated() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      return (RSAPrivateKey) pair.getPrivate();
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
