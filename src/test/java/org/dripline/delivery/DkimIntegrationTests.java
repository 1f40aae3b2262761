package org.dripline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.dripline.run.DripRuns;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A configured 2,048-bit key signs every message; python3-dkim verifies what GreenMail received. */
@SpringBootTest
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DkimIntegrationTests {

  static final String PRIVATE_KEY;
  static final String DNS_RECORD;

  static {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      var pair = generator.generateKeyPair();
      PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
      DNS_RECORD = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "dkim");
    registry.add("dripline.dkim.private-key", () -> PRIVATE_KEY);
    registry.add("dripline.dkim.selector", () -> "s2026");
  }

  @Autowired
  DripRuns runs;
  @Autowired
  SubscriberImporter importer;
  @TempDir
  Path tmp;

  @Test
  void theReceivedMessageHasADkimSignatureThatAnIndependentVerifierAccepts() throws Exception {
    // given a subscriber
    Path csv = tmp.resolve("one.csv");
    Files.writeString(csv, "email,first_name,tags\nzoe@example.org,Zoë,working-mom\n");
    importer.importFile(csv, "test");

    // when the welcome is sent
    assertThat(runs.run("working-mom-guilt", Instant.parse("2026-12-01T14:00:00Z")).sent()).isEqualTo(1);
    MimeMessage received = smtp.getReceivedMessages()[0];

    // then the signature is rsa-sha256 for the From domain and covers the headers RFC 8058 requires
    String signature = received.getHeader("DKIM-Signature")[0];
    assertThat(signature.replaceAll("\\s", "")).contains("a=rsa-sha256", "d=dripline.example", "s=s2026", "c=relaxed/relaxed");
    DkimVerifier.Result result = DkimVerifier.verify(received, DNS_RECORD);
    assertThat(result.verified()).as(result.output()).isTrue();
    String h = result.output().lines().filter(l -> l.startsWith("h=")).findFirst().orElseThrow().toLowerCase();
    assertThat(Arrays.asList(h.substring(2).split(":"))).contains("from", "to", "subject", "date", "message-id",
        "list-unsubscribe", "list-unsubscribe-post", "list-id", "feedback-id");
    // and the Message-ID is still ours (the one the ledger recorded)
    assertThat(received.getMessageID()).matches("<\\d+\\.[0-9a-f]{16}@dripline\\.example>");

    // and a message altered in transit (List-Unsubscribe-Post removed) fails verification
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    received.writeTo(raw);
    String altered = raw.toString(StandardCharsets.UTF_8).replace("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n", "");
    assertThat(altered).isNotEqualTo(raw.toString(StandardCharsets.UTF_8));
    assertThat(DkimVerifier.verify(altered.getBytes(StandardCharsets.UTF_8), DNS_RECORD).verified()).isFalse();
  }
}
