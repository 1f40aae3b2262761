package org.dripline.bounce.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import org.dripline.bounce.providers.ProviderSigning.FakeSns;
import org.dripline.bounce.providers.ProviderSigning.Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.node.ObjectNode;

class SnsVerifierTests {

  static final Signer SIGNER = Signer.load("sns-test-signer.p12");
  static final String MESSAGE = ProviderSigning.fixture("ses/bounce-permanent.json");

  FakeSns sns = new FakeSns(SIGNER);
  SnsVerifier verifier = new SnsVerifier(sns, Clock.systemUTC());

  @ParameterizedTest
  @ValueSource(strings = {"1", "2"})
  void aNotificationSignedByTheCertificateAtAnSnsUrlVerifies(String version) {
    // given a notification signed with SignatureVersion 1 (SHA1withRSA) or 2 (SHA256withRSA)
    ObjectNode message = ProviderSigning.snsNotification("m-" + version, MESSAGE, SIGNER, version, ProviderSigning.CERT_URL);

    // when verified / then it passes, the certificate fetched from its URL
    assertThatCode(() -> verifier.verify(message)).doesNotThrowAnyException();
    assertThat(sns.fetched()).extracting(Object::toString).containsExactly(ProviderSigning.CERT_URL);
  }

  @Test
  void aSubscriptionConfirmationIsSignedOverItsOwnFields() {
    ObjectNode message = ProviderSigning.snsSubscriptionConfirmation(
        "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=abc", SIGNER);
    assertThatCode(() -> verifier.verify(message)).doesNotThrowAnyException();
  }

  @Test
  void theCertificateIsFetchedOnceForManyMessages() {
    // when three messages name the same certificate
    for (int i = 0; i < 3; i++) {
      verifier.verify(ProviderSigning.snsNotification("m" + i, MESSAGE, SIGNER, "2", ProviderSigning.CERT_URL));
    }
    // then it was fetched once
    assertThat(sns.fetched()).hasSize(1);
  }

  @Test
  void aChangedMessageIsRefused() {
    // given a signed notification whose Message was changed afterwards
    ObjectNode message = ProviderSigning.snsNotification("m1", MESSAGE, SIGNER, "1", ProviderSigning.CERT_URL);
    message.put("Message", MESSAGE.replace("gone@example.net", "someone-else@example.net"));

    // then it does not verify
    assertRefused(message, HttpStatus.FORBIDDEN, "does not verify");
  }

  @Test
  void aMessageSignedByAnotherKeyIsRefused() {
    ObjectNode message = ProviderSigning.snsNotification("m1", MESSAGE, Signer.load("sns-expired-signer.p12"), "1",
        ProviderSigning.CERT_URL);
    assertRefused(message, HttpStatus.FORBIDDEN, "does not verify");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-1.pem",
      "https://attacker.example/SimpleNotificationService-1.pem",
      "https://sns.us-east-1.amazonaws.com.attacker.example/SimpleNotificationService-1.pem",
      "https://evil.sns.us-east-1.amazonaws.com/SimpleNotificationService-1.pem",
      "https://sns.us-east-1.amazonaws.com@attacker.example/SimpleNotificationService-1.pem",
      "https://user@sns.us-east-1.amazonaws.com/SimpleNotificationService-1.pem",
      "https://sns.us-east-1.amazonaws.com:8443/SimpleNotificationService-1.pem",
      "https://127.0.0.1/SimpleNotificationService-1.pem",
      "https://sns.us-east-1.amazonaws.com/not-a-certificate",
      "file:///etc/passwd",
      "not a url at all"})
  void aCertificateUrlOutsideSnsIsRefusedWithoutBeingFetched(String url) {
    // given a message naming a certificate anywhere but an https SNS endpoint
    ObjectNode message = ProviderSigning.snsNotification("m1", MESSAGE, SIGNER, "1", url);

    // then it is refused and nothing is fetched (no request to an address of the sender's choosing)
    assertRefused(message, HttpStatus.FORBIDDEN, "SigningCertURL");
    assertThat(sns.fetched()).isEmpty();
  }

  @Test
  void anExpiredCertificateIsRefused() {
    // given a message signed by a key whose certificate expired in 2001
    Signer expired = Signer.load("sns-expired-signer.p12");
    sns.certificate = expired.pem();
    ObjectNode message = ProviderSigning.snsNotification("m1", MESSAGE, expired, "1", ProviderSigning.CERT_URL);

    assertRefused(message, HttpStatus.FORBIDDEN, "expired");
  }

  @Test
  void somethingThatIsNoCertificateIsRefused() {
    sns.certificate = "<html>hello</html>".getBytes();
    assertRefused(ProviderSigning.snsNotification("m1", MESSAGE, SIGNER, "1", ProviderSigning.CERT_URL),
        HttpStatus.FORBIDDEN, "no X.509 certificate");
  }

  @Test
  void anUnknownSignatureVersionAndAMissingSignatureAreRefused() {
    ObjectNode unknown = ProviderSigning.snsNotification("m1", MESSAGE, SIGNER, "1", ProviderSigning.CERT_URL);
    unknown.put("SignatureVersion", "3");
    assertRefused(unknown, HttpStatus.FORBIDDEN, "SignatureVersion");

    ObjectNode unsigned = ProviderSigning.snsNotification("m1", MESSAGE, SIGNER, "1", ProviderSigning.CERT_URL);
    unsigned.remove("Signature");
    assertRefused(unsigned, HttpStatus.UNAUTHORIZED, "Signature");

    ObjectNode garbage = ProviderSigning.snsNotification("m1", MESSAGE, SIGNER, "1", ProviderSigning.CERT_URL);
    garbage.put("Signature", "%%% not base64 %%%");
    assertRefused(garbage, HttpStatus.FORBIDDEN, "base64");
  }

  @Test
  void theSubjectIsSignedWhenThereIsOne() {
    // given a notification with a Subject, signed over it
    java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
    fields.put("Message", MESSAGE);
    fields.put("MessageId", "m1");
    fields.put("Subject", "Amazon SES Email Event Notification");
    fields.put("Timestamp", "2026-12-01T08:05:01.000Z");
    fields.put("TopicArn", ProviderSigning.TOPIC);
    fields.put("Type", "Notification");
    ObjectNode message = ProviderSigning.signedSns(fields, SIGNER, "2", ProviderSigning.CERT_URL);
    assertThatCode(() -> verifier.verify(message)).doesNotThrowAnyException();

    // when the subject is changed / then it no longer verifies
    message.put("Subject", "Something else");
    assertRefused(message, HttpStatus.FORBIDDEN, "does not verify");
  }

  private void assertRefused(ObjectNode message, HttpStatus status, String detail) {
    assertThatThrownBy(() -> verifier.verify(message)).isInstanceOfSatisfying(WebhookException.class, e -> {
      assertThat(e.status()).isEqualTo(status);
      assertThat(e.getMessage()).contains(detail);
    });
  }
}
