package org.dripline.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MimeBytesTests {

  @ParameterizedTest
  @ValueSource(strings = {"", "plain ascii", "Zoë ☕ 𝄞 – “quotes” = equals", "trailing blanks   \nand tabs\t\r\nend ",
      "a very long line without any break at all, much longer than seventy-six characters, so it needs soft breaks ====",
      "ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé", ".\n..leading dots\n", "\n\n\n", "cr\ronly"})
  void quotedPrintableDecodesBackToTheTextWithCrlfLineBreaks(String text) throws Exception {
    assertRoundTrip(text);
  }

  @Test
  void randomTextsOfRunsBlanksAndEscapesRoundTrip() throws Exception {
    // given texts mixing plain runs of every length with blanks, '=', non-ASCII and line breaks
    Random random = new Random(7);
    String[] pieces = {"a", "plain", "x".repeat(74), "y".repeat(75), "z".repeat(76), "w".repeat(150), " ", "\t", "=",
        "é", "☕", "\n", "\r\n", "\r", "  \n", "."};
    for (int n = 0; n < 2_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int k = random.nextInt(12); k > 0; k--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      // when encoded, then decoded back exactly, in well-formed lines
      assertRoundTrip(text.toString());
    }
  }

  @Test
  void softBreakLeavesRoomForItsEqualsSign() {
    // when a plain line of 80 characters is encoded
    byte[] encoded = new MimeBytes(16).quotedPrintable("a".repeat(80)).toByteArray();

    // then it breaks after 75 characters, the 76th being the soft break's '='
    assertThat(new String(encoded, StandardCharsets.US_ASCII)).isEqualTo("a".repeat(75) + "=\r\n" + "a".repeat(5));
  }

  private static void assertRoundTrip(String text) throws Exception {
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
