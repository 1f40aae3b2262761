package org.dripline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** The examples of RFC 6376 section 3.4.5, plus folding and empty bodies. */
class DkimCanonicalTests {

  @Test
  void relaxedHeadersAreLowerCaseUnfoldedAndSingleSpaced() {
    assertThat(DkimCanonical.relaxedHeader("A: X", new StringBuilder())).hasToString("a:X");
    assertThat(DkimCanonical.relaxedHeader("B : Y\t\r\n\tZ  ", new StringBuilder())).hasToString("b:Y Z");
    assertThat(DkimCanonical.relaxedHeader("Subject:   =?UTF-8?Q?Zo=C3=AB?=\r\n =?UTF-8?Q?x?=", new StringBuilder()))
        .hasToString("subject:=?UTF-8?Q?Zo=C3=AB?= =?UTF-8?Q?x?=");
  }

  @Test
  void relaxedBodyDropsTrailingBlanksAndEmptyLinesAtTheEnd() throws Exception {
    // given the RFC's body " C \r\nD \t E\r\n\r\n\r\n", canonicalized " C\r\nD E\r\n"
    byte[] hash = DkimCanonical.relaxedBodyHash(" C \r\nD \t E\r\n\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(hash).isEqualTo(sha256(" C\r\nD E\r\n"));
    // and inner empty lines stay, a missing final CRLF is added, an empty body hashes as empty
    assertThat(DkimCanonical.relaxedBodyHash("a\r\n\r\nb".getBytes(StandardCharsets.US_ASCII))).isEqualTo(sha256("a\r\n\r\nb\r\n"));
    assertThat(DkimCanonical.relaxedBodyHash(new byte[0])).isEqualTo(sha256(""));
    assertThat(DkimCanonical.relaxedBodyHash("\r\n \r\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo(sha256(""));
  }

  static byte[] sha256(String canonical) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.US_ASCII));
  }
}
