package org.dripline.delivery.dkim;

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
   * space, empty lines at the end removed, and a final CRLF unless the body is empty. One pass
   * into a buffer and one digest update: per-line updates cost more than the hashing itself.
   */
  static byte[] relaxedBodyHash(byte[] body) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    int n = body.length;
    // Canonical text is never longer than the body, but for the CRLF added after a last line without one.
    byte[] out = new byte[n + 2];
    int length = 0;
    // Where the canonical text ends without its trailing empty lines.
    int content = 0;
    int i = 0;
    while (i < n) {
      int lineStart = length;
      boolean blank = false;
      for (; i < n && !(body[i] == '\r' && i + 1 < n && body[i + 1] == '\n'); i++) {
        byte b = body[i];
        if (b == ' ' || b == '\t') {
          blank = true;
          continue;
        }
        if (blank) {
          out[length++] = ' ';
          blank = false;
        }
        out[length++] = b;
      }
      // A blank run still pending here is at the line's end: dropped.
      boolean empty = length == lineStart;
      out[length++] = '\r';
      out[length++] = '\n';
      if (!empty) {
        content = length;
      }
      i += 2;
    }
    sha256.update(out, 0, content);
    return sha256.digest();
  }
}
