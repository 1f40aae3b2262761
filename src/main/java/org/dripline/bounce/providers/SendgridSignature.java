package org.dripline.bounce.providers;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * SendGrid's signed Event Webhook: an ECDSA (P-256, SHA-256) signature, base64 in
 * {@code X-Twilio-Email-Event-Webhook-Signature}, over the
 * {@code X-Twilio-Email-Event-Webhook-Timestamp} header followed by the raw body, checked with
 * the verification key SendGrid shows (base64 of the X.509 SubjectPublicKeyInfo, or PEM).
 */
final class SendgridSignature {

  static final String SIGNATURE = "X-Twilio-Email-Event-Webhook-Signature";
  static final String TIMESTAMP = "X-Twilio-Email-Event-Webhook-Timestamp";

  private final PublicKey key;

  SendgridSignature(String publicKey) {
    this.key = parse(publicKey);
  }

  /** Fails at start-up with the setting's name: a wrong key would refuse every event. */
  static PublicKey parse(String publicKey) {
    String base64 = publicKey.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalArgumentException("dripline.bounce.webhooks.sendgrid.public-key is not an EC public key"
          + " (paste the Event Webhook's verification key as SendGrid shows it)", e);
    }
  }

  /** Throws a 401/403 {@link WebhookException} unless SendGrid signed this timestamp and body. */
  void verify(String timestamp, String signature, byte[] body) {
    if (timestamp == null || signature == null) {
      throw WebhookException.unsigned("SendGrid Event Webhook: the " + SIGNATURE + " and " + TIMESTAMP
          + " headers are required (turn on the signed Event Webhook)");
    }
    byte[] signed;
    try {
      signed = Base64.getDecoder().decode(signature.strip());
    } catch (IllegalArgumentException e) {
      throw WebhookException.forged("SendGrid Event Webhook: the signature is not base64");
    }
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(key);
      verifier.update(timestamp.getBytes(StandardCharsets.UTF_8));
      verifier.update(body == null ? new byte[0] : body);
      if (!verifier.verify(signed)) {
        throw WebhookException.forged("SendGrid Event Webhook: the signature does not verify");
      }
    } catch (GeneralSecurityException e) {
      // a signature that is not even DER: as forged as a wrong one
      throw WebhookException.forged("SendGrid Event Webhook: the signature does not verify");
    }
  }
}
