package org.dripline.delivery.mime;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that writes MIME directly: ASCII lines and quoted-printable text. Jakarta
 * Mail's encoders push every byte through {@code FilterOutputStream.write(int)} and look their
 * stream provider up per part; building the message here once costs a single pass per part.
 * Not thread-safe (one per message).
 */
final class MimeBytes {

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  /** RFC 2045 6.7 (5): encoded lines are at most 76 characters, the soft break's "=" included. */
  private static final int MAX_LINE = 76;

  private byte[] buffer;
  private int size;

  MimeBytes(int capacity) {
    buffer = new byte[Math.max(capacity, 64)];
  }

  int size() {
    return size;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  /** The bytes from {@code from} to the end, e.g. the body after the header block. */
  byte[] copyFrom(int from) {
    return Arrays.copyOfRange(buffer, from, size);
  }

  MimeBytes ascii(String text) {
    int length = text.length();
    ensure(length);
    for (int i = 0; i < length; i++) {
      buffer[size++] = (byte) text.charAt(i);
    }
    return this;
  }

  MimeBytes crlf() {
    ensure(2);
    buffer[size++] = '\r';
    buffer[size++] = '\n';
    return this;
  }

  MimeBytes line(String ascii) {
    return ascii(ascii).crlf();
  }

  MimeBytes bytes(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
    return this;
  }

  /**
   * {@code text} as UTF-8 quoted-printable (RFC 2045 6.7). Any line break (CRLF, LF, CR) becomes a
   * CRLF hard break; whitespace before a hard break or at the end is encoded, so transports that
   * strip trailing blanks cannot change the content. Never ends with a line break of its own.
   * One loop over the UTF-8 bytes with room reserved up front: this runs twice per message.
   */
  MimeBytes quotedPrintable(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    int length = utf8.length;
    // Worst case: every byte encoded (3) plus a soft break (3) per 25 encoded bytes.
    ensure(length * 3 + length / 8 + 16);
    byte[] out = buffer;
    int at = size;
    int column = 0;
    for (int i = 0; i < length; i++) {
      int b = utf8[i] & 0xFF;
      if (plain(b)) {
        // Most of a message is plain ASCII: copy the run in one go, up to the line's room.
        if (column == MAX_LINE - 1) {
          out[at++] = '=';
          out[at++] = '\r';
          out[at++] = '\n';
          column = 0;
        }
        int end = i + 1;
        int limit = Math.min(length, i + MAX_LINE - 1 - column);
        while (end < limit && plain(utf8[end] & 0xFF)) {
          end++;
        }
        int run = end - i;
        System.arraycopy(utf8, i, out, at, run);
        at += run;
        column += run;
        i = end - 1;
        continue;
      }
      if (b == '\r' || b == '\n') {
        if (b == '\r' && i + 1 < length && utf8[i + 1] == '\n') {
          i++;
        }
        out[at++] = '\r';
        out[at++] = '\n';
        column = 0;
        continue;
      }
      boolean literal = b > ' ' && b < 0x7f && b != '=';
      if (b == ' ' || b == '\t') {
        literal = i + 1 < length && utf8[i + 1] != '\r' && utf8[i + 1] != '\n';
      }
      int tokenLength = literal ? 1 : 3;
      // Room is always left for the "=" of a soft break after the token.
      if (column + tokenLength > MAX_LINE - 1) {
        out[at++] = '=';
        out[at++] = '\r';
        out[at++] = '\n';
        column = 0;
      }
      if (literal) {
        out[at++] = (byte) b;
      } else {
        out[at++] = '=';
        out[at++] = HEX[b >> 4];
        out[at++] = HEX[b & 0xF];
      }
      column += tokenLength;
    }
    size = at;
    return this;
  }

  /** Printable ASCII that stands for itself anywhere in a line (blanks depend on what follows). */
  private static boolean plain(int b) {
    return b > ' ' && b < 0x7f && b != '=';
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
