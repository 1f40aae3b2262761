package org.dripline.delivery;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's python3-dkim (dkimpy; .ci/run installs it) on a received message: a verifier
 * that shares no code with the Java signing library.
 */
final class DkimVerifier {

  private DkimVerifier() {
  }

  record Result(boolean verified, String output) {
  }

  static Result verify(MimeMessage received, String dnsRecord) throws Exception {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    received.writeTo(raw);
    return verify(raw.toByteArray(), dnsRecord);
  }

  static Result verify(byte[] raw, String dnsRecord) throws Exception {
    Path script = Path.of("src/test/resources/dkim_verify.py");
    Process process = new ProcessBuilder("/usr/bin/python3", script.toString(), dnsRecord).redirectErrorStream(true).start();
    try (var stdin = process.getOutputStream()) {
      stdin.write(raw);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("dkim verifier timed out");
    }
    return new Result(process.exitValue() == 0, output);
  }
}
