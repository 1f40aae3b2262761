package org.dripline.delivery.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
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

  @Test
  void randomBodiesHashAsTheRfcRulesSpellItOut() throws Exception {
    // given bodies of words, blank runs, tabs, empty and blank-only lines, with and without a final CRLF
    Random random = new Random(6376);
    String[] pieces = {"word", "x", " ", "  ", "\t", " \t ", "\r\n", "\r\n\r\n", " \r\n", "\r", "=20", "é"};
    for (int n = 0; n < 3_000; n++) {
      StringBuilder body = new StringBuilder();
      for (int k = random.nextInt(14); k > 0; k--) {
        body.append(pieces[random.nextInt(pieces.length)]);
      }
      // when hashed, then it is the hash of the RFC's steps applied one by one
      byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
      assertThat(DkimCanonical.relaxedBodyHash(bytes)).as("%s", body).isEqualTo(sha256(reference(body.toString())));
    }
  }

  /** RFC 6376 3.4.4 step by step, on whole strings: the independent oracle for the one-pass code. */
  private static String reference(String body) {
    List<String> lines = new ArrayList<>(Arrays.asList(body.split("\r\n", -1)));
    if (body.endsWith("\r\n")) {
      lines.remove(lines.size() - 1);
    }
    List<String> canonical = new ArrayList<>();
    for (String line : lines) {
      canonical.add(line.replaceAll("[ \t]+", " ").replaceAll(" \\z", ""));
    }
    while (!canonical.isEmpty() && canonical.get(canonical.size() - 1).isEmpty()) {
      canonical.remove(canonical.size() - 1);
    }
    return canonical.isEmpty() ? "" : String.join("\r\n", canonical) + "\r\n";
  }

  static byte[] sha256(String canonical) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
  }
}
