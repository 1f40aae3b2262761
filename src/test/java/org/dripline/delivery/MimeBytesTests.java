package org.dripline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MimeBytesTests {

  @ParameterizedTest
  @ValueSource(strings = {"", "plain ascii", "Zoë ☕ 𝄞 – “quotes” = equals", "trailing blanks   \nand tabs\t\r\nend ",
      "a very long line without any break at all, much longer than seventy-six characters, so it needs soft breaks ====",
      "ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé", ".\n..leading dots\n", "\n\n\n", "cr\ronly"})
  void quotedPrintableDecodesBackToTheTextWithCrlfLineBreaks(String text) throws Exception {
    // when the text is encoded
    byte[] encoded = new MimeBytes(16).quotedPrintable(text).toByteArray();

    // then Jakarta Mail's decoder gives the text back, line breaks as CRLF
    String decoded = new String(MimeUtility.decode(new ByteArrayInputStream(encoded), "quoted-printable").readAllBytes(),
        StandardCharsets.UTF_8);
    assertThat(decoded).isEqualTo(text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n"));
    // and every line is 7-bit, at most 76 characters, without trailing blanks
    String wire = new String(encoded, StandardCharsets.US_ASCII);
    for (String line : wire.split("\r\n", -1)) {
      assertThat(line.length()).isLessThanOrEqualTo(76);
      assertThat(line).doesNotEndWith(" ").doesNotEndWith("\t").doesNotContain("\r").doesNotContain("\n");
      assertThat(line.chars()).allMatch(c -> c >= 0x20 && c < 0x7f || c == '\t');
    }
  }
}
