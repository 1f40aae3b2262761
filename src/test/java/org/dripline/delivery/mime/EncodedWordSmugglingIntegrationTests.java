package org.dripline.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.dripline.infra.HeaderText;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A first name or attribute that looks like an RFC 2047 encoded word (issue 13: it decodes to
 * "Eve\r\nBcc: …") goes out encoded by us: sent through a real SMTP server and decoded the way a
 * client decodes, the name and subject read exactly as the literal text and no Bcc appears.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EncodedWordSmugglingIntegrationTests {

  static final String PAYLOAD = "=?utf-8?b?RXZlDQpCY2M6IGJjYy1ld2JAZXZpbC50ZXN0?=";

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @TempDir
  static java.nio.file.Path campaigns;

  @BeforeAll
  static void campaignWhoseSubjectPrintsSubscriberData() throws Exception {
    // the campaign and engine of HeaderInjectionTests, set up here too: this class may run alone
    HeaderInjectionTests.campaigns = campaigns;
    HeaderInjectionTests.campaignWhoseSubjectAndPreheaderPrintSubscriberData();
  }

  @Test
  void anEncodedWordInANameAndAttributeReachesTheClientAsLiteralText() throws Exception {
    // given a subscriber whose first name and city are the smuggling payload, in a subject that prints both
    ComposedMessage composed = HeaderInjectionTests.compose(HeaderInjectionTests.subscriber(PAYLOAD, PAYLOAD));

    // when it is sent through SMTP exactly as composed and read back from the server
    MimeMessage received = sendAndReceive(composed);

    // then a decoding client sees the literal payload in To: and Subject:, one recipient and no Bcc
    assertThat(received.getHeader("Bcc")).isNull();
    assertThat(received.getAllRecipients()).hasSize(1);
    InternetAddress to = (InternetAddress) received.getAllRecipients()[0];
    assertThat(to.getAddress()).isEqualTo("zoe@example.org");
    assertThat(to.getPersonal()).isEqualTo(PAYLOAD);
    assertThat(received.getSubject()).isEqualTo("Hi " + PAYLOAD + ", " + PAYLOAD);
    String decodedHeaders = MimeUtility.decodeText(MimeUtility.unfold(String.join("\n", received.getHeader("To"))))
        + MimeUtility.decodeText(MimeUtility.unfold(received.getHeader("Subject")[0]));
    assertThat(decodedHeaders).doesNotContain("\r").doesNotContain("\n").doesNotContain("Eve");
    assertThat(smtp.getReceivedMessages()).allSatisfy(m -> assertThat(m.getAllRecipients()).hasSize(1));
    // and a preview shows the To: as the client does
    assertThat(Addresses.of(composed).to()).isEqualTo(PAYLOAD + " <zoe@example.org>");
    assertThat(Addresses.of(HeaderInjectionTests.compose(HeaderInjectionTests.subscriber("Zoë", "Paris"))).to())
        .isEqualTo("Zoë <zoe@example.org>");
  }

  @ParameterizedTest
  @ValueSource(strings = {PAYLOAD, "=?UTF-8?Q?Zo=0D=0ABcc:_evil@attacker.example?=", "a =?x?= b", "=?", "Zoë =?utf-8?q?x?=",
      "plain Ann", "Zoë", "", "=?utf-8?b?QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB?="})
  void headerTextDecodesBackToExactlyTheCleanedValue(String value) throws Exception {
    // when a value is encoded for a header / then a decoder gives back the value, and nothing it could decode is left raw
    String encoded = HeaderText.encoded(value);
    assertThat(MimeUtility.decodeText(encoded)).isEqualTo(value);
    assertThat(encoded).matches("[\\x20-\\x7e]*");
    for (String word : encoded.split(" ")) {
      assertThat(word.length()).as(word).isLessThanOrEqualTo(value.contains("=?") || !value.matches("[\\x20-\\x7e]*")
          ? 75 : Integer.MAX_VALUE);
    }
  }

  static MimeMessage sendAndReceive(ComposedMessage composed) throws Exception {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", "127.0.0.1");
    properties.put("mail.smtp.port", Integer.toString(smtp.getSmtp().getPort()));
    Session session = Session.getInstance(properties);
    MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(composed.bytes()));
    int before = smtp.getReceivedMessages().length;
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect();
      // sendMessage, not Transport.send: no saveChanges, the bytes go out as composed
      transport.sendMessage(message, new InternetAddress[] {new InternetAddress(composed.recipient())});
    }
    assertThat(smtp.waitForIncomingEmail(10_000, before + 1)).isTrue();
    List<MimeMessage> all = List.of(smtp.getReceivedMessages());
    MimeMessage raw = all.get(all.size() - 1);
    // re-read with a fresh session: what any client decoding the stored message sees
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    raw.writeTo(bytes);
    return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes.toByteArray()));
  }
}
