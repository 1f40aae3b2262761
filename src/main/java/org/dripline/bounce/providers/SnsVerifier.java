package org.dripline.bounce.providers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Verifies an Amazon SNS message as AWS documents it: the signature (SignatureVersion 1,
 * SHA1withRSA; 2, SHA256withRSA) over the canonical string of the message's fields, with the
 * certificate at its SigningCertURL. That URL is fetched only when it is https on port 443 and
 * its host is {@code sns.<region>.amazonaws.com} (or the China partition's {@code .com.cn}):
 * anything else is refused before any request is made, so a forged message cannot make Dripline
 * fetch an address of its choosing. Certificates are cached by URL (AWS rotates them rarely; a
 * new one has a new URL).
 */
final class SnsVerifier {

  // The SNS endpoints of every AWS region; the host is all the trust there is, TLS checks the rest.
  private static final Pattern SNS_HOST = Pattern.compile("sns\\.[a-z]{2}(-[a-z]+)+-\\d\\.amazonaws\\.com(\\.cn)?");
  private static final int MAX_CACHED = 32;

  private final SnsFetcher fetcher;
  private final Clock clock;
  private final Map<URI, X509Certificate> certificates = new ConcurrentHashMap<>();

  SnsVerifier(SnsFetcher fetcher, Clock clock) {
    this.fetcher = fetcher;
    this.clock = clock;
  }

  /** Throws a 401/403 {@link WebhookException} unless the message is signed by SNS. */
  void verify(JsonNode message) {
    String type = Json.required(message, "Type", "SNS message");
    String version = Json.text(message, "SignatureVersion");
    String signature = Json.text(message, "Signature");
    String certUrl = Json.text(message, "SigningCertURL");
    if (signature == null || certUrl == null || version == null) {
      throw WebhookException.unsigned("SNS message: Signature, SignatureVersion and SigningCertURL are required");
    }
    String algorithm = switch (version) {
      case "1" -> "SHA1withRSA";
      case "2" -> "SHA256withRSA";
      default -> throw WebhookException.forged("SNS message: unknown SignatureVersion '" + version + "'");
    };
    X509Certificate certificate = certificate(snsUri(certUrl, "SigningCertURL"));
    byte[] signed;
    try {
      signed = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      throw WebhookException.forged("SNS message: the Signature is not base64");
    }
    try {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(canonical(message, type).getBytes(StandardCharsets.UTF_8));
      if (!verifier.verify(signed)) {
        throw WebhookException.forged("SNS message: the signature does not verify");
      }
    } catch (GeneralSecurityException e) {
      throw WebhookException.forged("SNS message: the signature does not verify (" + e.getMessage() + ")");
    }
  }

  /**
   * The fields in the order AWS signs them, each as "name\nvalue\n"; Subject only when the
   * notification has one.
   */
  static String canonical(JsonNode message, String type) {
    List<String> fields = switch (type) {
      case "Notification" -> List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
      case "SubscriptionConfirmation", "UnsubscribeConfirmation" ->
          List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
      default -> throw WebhookException.malformed("SNS message: unknown Type '" + type + "'");
    };
    StringBuilder canonical = new StringBuilder();
    for (String field : fields) {
      JsonNode value = message.get(field);
      if (value == null || value.isNull()) {
        if (field.equals("Subject")) {
          continue;
        }
        throw WebhookException.malformed("SNS message: '" + field + "' is missing");
      }
      canonical.append(field).append('\n').append(value.asString()).append('\n');
    }
    return canonical.toString();
  }

  /** The URL as a URI if it is an https URL of an SNS endpoint; a 403 otherwise. Never fetched here. */
  static URI snsUri(String url, String field) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw WebhookException.forged("SNS message: the " + field + " is not a URL");
    }
    if (!"https".equals(uri.getScheme()) || uri.getRawUserInfo() != null || uri.getHost() == null
        || !SNS_HOST.matcher(uri.getHost()).matches() || (uri.getPort() != -1 && uri.getPort() != 443)
        || uri.getRawFragment() != null) {
      throw WebhookException.forged("SNS message: the " + field + " is not an https URL of an SNS endpoint");
    }
    return uri;
  }

  private X509Certificate certificate(URI uri) {
    if (!uri.getPath().endsWith(".pem")) {
      throw WebhookException.forged("SNS message: the SigningCertURL names no .pem certificate");
    }
    X509Certificate cached = certificates.get(uri);
    X509Certificate certificate = cached != null ? cached : fetch(uri);
    try {
      certificate.checkValidity(java.util.Date.from(clock.instant()));
    } catch (CertificateException e) {
      certificates.remove(uri);
      throw WebhookException.forged("SNS message: the signing certificate is expired or not yet valid");
    }
    if (cached == null) {
      if (certificates.size() >= MAX_CACHED) {
        certificates.clear();
      }
      certificates.put(uri, certificate);
    }
    return certificate;
  }

  private X509Certificate fetch(URI uri) {
    byte[] pem;
    try {
      pem = fetcher.get(uri);
    } catch (IOException e) {
      // Our side (or SNS's) failed, not the sender: 503 makes SNS deliver the message again later.
      throw new WebhookException(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE,
          "SNS message: the signing certificate could not be fetched; try again later");
    }
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
    } catch (CertificateException | ClassCastException e) {
      throw WebhookException.forged("SNS message: the SigningCertURL holds no X.509 certificate");
    }
  }
}
