package org.dripline.bounce.providers;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dripline.bounce.providers.MailgunSignatureTests.assertRefused;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class SendgridSignatureTests {

  static final KeyPair KEYS = ProviderSigning.sendgridKeys();
  static final byte[] BODY = ProviderSigning.fixture("sendgrid/events.json").getBytes(StandardCharsets.UTF_8);
  static final String TIMESTAMP = "1764576400";

  SendgridSignature signature = new SendgridSignature(ProviderSigning.sendgridPublicKey(KEYS));

  @Test
  void eventsSignedWithSendgridsKeyVerify() {
    assertThatCode(() -> signature.verify(TIMESTAMP, ProviderSigning.sendgridSignature(KEYS, TIMESTAMP, BODY), BODY))
        .doesNotThrowAnyException();
  }

  @Test
  void theKeyIsAlsoAcceptedAsPem() {
    String pem = "-----BEGIN PUBLIC KEY-----\n" + ProviderSigning.sendgridPublicKey(KEYS) + "\n-----END PUBLIC KEY-----\n";
    assertThatCode(() -> new SendgridSignature(pem).verify(TIMESTAMP,
        ProviderSigning.sendgridSignature(KEYS, TIMESTAMP, BODY), BODY)).doesNotThrowAnyException();
  }

  @Test
  void aChangedBodyOrTimestampOrAnotherKeyDoesNotVerify() {
    String good = ProviderSigning.sendgridSignature(KEYS, TIMESTAMP, BODY);
    byte[] changed = new String(BODY, StandardCharsets.UTF_8).replace("gone@", "kept@").getBytes(StandardCharsets.UTF_8);
    assertRefused(() -> signature.verify(TIMESTAMP, good, changed), HttpStatus.FORBIDDEN, "does not verify");
    assertRefused(() -> signature.verify("1764576401", good, BODY), HttpStatus.FORBIDDEN, "does not verify");
    KeyPair other = ProviderSigning.sendgridKeys();
    assertRefused(() -> signature.verify(TIMESTAMP, ProviderSigning.sendgridSignature(other, TIMESTAMP, BODY), BODY),
        HttpStatus.FORBIDDEN, "does not verify");
  }

  @Test
  void aSignatureThatIsNotEvenDerOrBase64IsForged() {
    assertRefused(() -> signature.verify(TIMESTAMP, "AAAA", BODY), HttpStatus.FORBIDDEN, "does not verify");
    assertRefused(() -> signature.verify(TIMESTAMP, "%%%", BODY), HttpStatus.FORBIDDEN, "base64");
  }

  @Test
  void missingHeadersAreUnauthorized() {
    assertRefused(() -> signature.verify(null, "AAAA", BODY), HttpStatus.UNAUTHORIZED, "required");
    assertRefused(() -> signature.verify(TIMESTAMP, null, BODY), HttpStatus.UNAUTHORIZED, "required");
  }

  @Test
  void aKeyThatIsNoEcPublicKeyFailsAtStartUpNamingTheSetting() {
    assertThatThrownBy(() -> new SendgridSignature("not-a-key"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dripline.bounce.webhooks.sendgrid.public-key");
  }
}
