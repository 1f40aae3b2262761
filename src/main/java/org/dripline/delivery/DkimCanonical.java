package org.dripline.delivery;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** DKIM's "relaxed" canonicalization (RFC 6376 3.4.2 and 3.4.4) of our own message bytes. */
final class DkimCanonical {

  private DkimCanonical() {
  }

  /**
   * Appends {@code line} ("Name: value", possibly folded) canonicalized: lower-case name, unfolded,
   * runs of blanks as one space, no blanks around the colon or at the end. No CRLF is appended.
   */
  static StringBuilder relaxedHeader(String line, StringBuilder out) {
    int colon = line.indexOf(':');
    out.append(line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT)).append(':');
    int start = out.length();
    boolean blank = false;
    for (int i = colon + 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\r' || c == '\n') {
        continue;
      }
      if (c == ' ' || c == '\t') {
        blank = true;
        continue;
      }
      if (blank && out.length() > start) {
        out.append(' ');
      }
      blank = false;
      out.append(c);
    }
    return out;
  }

  /**
   * SHA-256 of the body canonicalized: blanks at line ends removed, other runs of blanks as one
   * space, empty lines at the end removed, and a final CRLF unless the body is empty.
   */
  static byte[] relaxedBodyHash(byte[] body) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] line = new byte[1024];
    int pendingEmptyLines = 0;
    int i = 0;
    while (i < body.length) {
      int length = 0;
      boolean blank = false;
      while (i < body.length && !(body[i] == '\r' && i + 1 < body.length && body[i + 1] == '\n')) {
        byte b = body[i++];
        if (b == ' ' || b == '\t') {
          blank = true;
          continue;
        }
        if (length + 2 > line.length) {
          line = java.util.Arrays.copyOf(line, line.length * 2);
        }
        if (blank) {
          line[length++] = ' ';
          blank = false;
        }
        line[length++] = b;
      }
      boolean terminated = i < body.length;
      i += terminated ? 2 : 0;
      if (length == 0) {
        // Empty lines count only when something follows them.
        pendingEmptyLines++;
        continue;
      }
      for (; pendingEmptyLines > 0; pendingEmptyLines--) {
        sha256.update(CRLF);
      }
      sha256.update(line, 0, length);
      sha256.update(CRLF);
    }
    return sha256.digest();
  }

  private static final byte[] CRLF = {'\r', '\n'};
}
