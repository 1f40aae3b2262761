package org.dripline.delivery.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The native RSA path must be invisible in the result: RSA PKCS#1 v1.5 signatures are deterministic. */
class DkimSigningTests {

  private static final String PEM = pem();
  private static final List<String> HEADERS = List.of("From: Dripline <news@example.org>", "To: reader@example.org",
      "Subject: Week 1", "Date: Tue, 1 Dec 2026 08:00:00 +0000", "Message-ID: <1@example.org>",
      "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8");
  private static final byte[] BODY = "Hello\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

  @Test
  void nativeSignatureIsByteForByteTheJdks() {
    // given the same key, once signing natively and once in the JDK
    DkimSigning nativeRsa = new DkimSigning(new DkimSettings(true, "s1", "example.org", PEM, true));
    DkimSigning jdkRsa = new DkimSigning(new DkimSettings(true, "s1", "example.org", PEM, false));

    // when both sign the same message
    String fromNative = nativeRsa.signatureHeader(HEADERS, BODY, "news@example.org", NOW);
    String fromJdk = jdkRsa.signatureHeader(HEADERS, BODY, "news@example.org", NOW);

    // then the headers are identical, and the JDK path really was the JDK
    assertThat(fromNative).isEqualTo(fromJdk).contains("b=");
    assertThat(jdkRsa.providerName()).isEqualTo("JDK");
  }

  @Test
  void signsNativelyOnLinuxX86() {
    // given the machine the benchmarks and CI run on
    assumeThat(System.getProperty("os.name")).isEqualTo("Linux");
    assumeThat(System.getProperty("os.arch")).isIn("amd64", "x86_64");

    // when signing is set up with the default
    DkimSigning signing = new DkimSigning(new DkimSettings(true, "s1", "example.org", PEM, true));

    // then AWS-LC's provider does the RSA
    assertThat(signing.providerName()).isEqualTo("AmazonCorrettoCryptoProvider");
  }

  private static String pem() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
