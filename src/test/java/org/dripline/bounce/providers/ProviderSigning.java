package org.dripline.bounce.providers;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The providers' side of the tests: signs requests the way each provider documents it, written
 * independently of the production verifiers so that a test cannot agree with a wrong verifier.
 */
final class ProviderSigning {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:dripline-ses-events";
  // AWS's documented URL shape; the test fetcher serves it from the committed test keystore.
  static final String CERT_URL = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem";

  private ProviderSigning() {
  }

  static String fixture(String path) {
    try (InputStream in = ProviderSigning.class.getResourceAsStream("/provider-events/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A key and its certificate from a committed test keystore (store and key password "test-only"). */
  record Signer(PrivateKey key, X509Certificate certificate) {

    static Signer load(String p12) {
      try (InputStream in = ProviderSigning.class.getResourceAsStream("/provider-events/ses/" + p12)) {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(in, "test-only".toCharArray());
        return new Signer((PrivateKey) store.getKey("sns", "test-only".toCharArray()),
            (X509Certificate) store.getCertificate("sns"));
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    byte[] pem() {
      try {
        return ("-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** An SNS Notification carrying {@code message}, signed as AWS documents (version 1: SHA1, 2: SHA256). */
  static ObjectNode snsNotification(String messageId, String message, Signer signer, String version, String certUrl) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Message", message);
    fields.put("MessageId", messageId);
    fields.put("Timestamp", "2026-12-01T08:05:01.000Z");
    fields.put("TopicArn", TOPIC);
    fields.put("Type", "Notification");
    return signedSns(fields, signer, version, certUrl);
  }

  static ObjectNode snsSubscriptionConfirmation(String subscribeUrl, Signer signer) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Message", "You have chosen to subscribe to the topic " + TOPIC + ".\nTo confirm the subscription,"
        + " visit the SubscribeURL included in this message.");
    fields.put("MessageId", "165545c9-2a5c-472c-8df2-7ff2be2b3b1b");
    fields.put("SubscribeURL", subscribeUrl);
    fields.put("Timestamp", "2026-12-01T08:00:00.000Z");
    fields.put("Token", "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736");
    fields.put("TopicArn", TOPIC);
    fields.put("Type", "SubscriptionConfirmation");
    return signedSns(fields, signer, "1", CERT_URL);
  }

  /** Signs the fields in the order given (AWS's: alphabetical), each "name\nvalue\n". */
  static ObjectNode signedSns(Map<String, String> fields, Signer signer, String version, String certUrl) {
    StringBuilder canonical = new StringBuilder();
    fields.forEach((name, value) -> canonical.append(name).append('\n').append(value).append('\n'));
    ObjectNode node = JSON.createObjectNode();
    fields.forEach(node::put);
    node.put("SignatureVersion", version);
    node.put("Signature", sign(version.equals("1") ? "SHA1withRSA" : "SHA256withRSA", signer.key(),
        canonical.toString().getBytes(StandardCharsets.UTF_8)));
    node.put("SigningCertURL", certUrl);
    node.put("UnsubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + TOPIC + ":1");
    return node;
  }

  /** The Mailgun fixture with a fresh signature block: HMAC-SHA256(key, timestamp + token) in hex. */
  static String mailgun(String fixture, String signingKey, long timestamp, String token) {
    ObjectNode json = (ObjectNode) JSON.readTree(fixture(fixture));
    ObjectNode signature = json.putObject("signature");
    signature.put("timestamp", Long.toString(timestamp));
    signature.put("token", token);
    signature.put("signature", mailgunSignature(signingKey, timestamp, token));
    return json.toString();
  }

  static String mailgunSignature(String signingKey, long timestamp, String token) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A P-256 key pair like the one SendGrid keeps (the public half is what its settings page shows). */
  static KeyPair sendgridKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sendgridPublicKey(KeyPair keys) {
    return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
  }

  /** SendGrid's signature: ECDSA SHA-256 over the timestamp header followed by the body, base64 DER. */
  static String sendgridSignature(KeyPair keys, String timestamp, byte[] body) {
    byte[] signed = new byte[timestamp.length() + body.length];
    System.arraycopy(timestamp.getBytes(StandardCharsets.UTF_8), 0, signed, 0, timestamp.length());
    System.arraycopy(body, 0, signed, timestamp.length(), body.length);
    return sign("SHA256withECDSA", keys.getPrivate(), signed);
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String sign(String algorithm, PrivateKey key, byte[] data) {
    try {
      Signature signature = Signature.getInstance(algorithm);
      signature.initSign(key);
      signature.update(data);
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stands in for SNS's HTTPS endpoints: serves the test certificate and remembers every GET. */
  static final class FakeSns implements SnsFetcher {
    final List<URI> fetched = new CopyOnWriteArrayList<>();
    volatile byte[] certificate;

    FakeSns(Signer signer) {
      this.certificate = signer.pem();
    }

    @Override
    public byte[] get(URI uri) throws IOException {
      fetched.add(uri);
      if (uri.getPath().endsWith(".pem")) {
        return certificate;
      }
      return "<ConfirmSubscriptionResponse/>".getBytes(StandardCharsets.UTF_8);
    }

    List<URI> fetched() {
      return new ArrayList<>(fetched);
    }
  }
}
