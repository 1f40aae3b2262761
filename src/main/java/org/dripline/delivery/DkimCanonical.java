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
    byte[] line = null;
    int pendingEmptyLines = 0;
    int start = 0;
    while (start < body.length) {
      int end = lineEnd(body, start);
      int length;
      byte[] source;
      int from;
      if (isCanonical(body, start, end)) {
        // Our quoted-printable lines already are: no tabs, no double or trailing blanks.
        source = body;
        from = start;
        length = end - start;
      } else {
        line = line == null || line.length < end - start ? new byte[Math.max(1024, end - start)] : line;
        source = line;
        from = 0;
        length = canonicalize(body, start, end, line);
      }
      start = end + 2;
      if (length == 0) {
        // Empty lines count only when something follows them.
        pendingEmptyLines++;
        continue;
      }
      for (; pendingEmptyLines > 0; pendingEmptyLines--) {
        sha256.update(CRLF);
      }
      sha256.update(source, from, length);
      sha256.update(CRLF);
    }
    return sha256.digest();
  }

  /** Where the line starting at {@code start} ends: its CRLF, or the end of the body. */
  private static int lineEnd(byte[] body, int start) {
    for (int i = start; i + 1 < body.length; i++) {
      if (body[i] == '\r' && body[i + 1] == '\n') {
        return i;
      }
    }
    return body.length;
  }

  private static boolean isCanonical(byte[] body, int start, int end) {
    for (int i = start; i < end; i++) {
      byte b = body[i];
      if (b == '\t' || b == ' ' && (i + 1 == end || body[i + 1] == ' ')) {
        return false;
      }
    }
    return true;
  }

  /** The line with blank runs as one space and no trailing blanks, into {@code out}; returns its length. */
  private static int canonicalize(byte[] body, int start, int end, byte[] out) {
    int length = 0;
    boolean blank = false;
    for (int i = start; i < end; i++) {
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
    return length;
  }

  private static final byte[] CRLF = {'\r', '\n'};
}
