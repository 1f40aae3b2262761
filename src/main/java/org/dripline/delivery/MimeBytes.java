package org.dripline.delivery;

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
   */
  MimeBytes quotedPrintable(String text) {
    int length = text.length();
    ensure(length + length / 8 + 16);
    int column = 0;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
          i++;
        }
        crlf();
        column = 0;
      } else if (c == ' ' || c == '\t') {
        boolean trailing = i + 1 == length || text.charAt(i + 1) == '\r' || text.charAt(i + 1) == '\n';
        column = trailing ? encoded(c, column) : literal(c, column);
      } else if (c > ' ' && c < 0x7f && c != '=') {
        column = literal(c, column);
      } else if (c < 0x80) {
        column = encoded(c, column);
      } else {
        int codePoint = c;
        if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
          codePoint = Character.toCodePoint(c, text.charAt(++i));
        } else if (Character.isSurrogate(c)) {
          // What String.getBytes(UTF_8) does with a lone surrogate.
          column = literal('?', column);
          continue;
        }
        column = utf8(codePoint, column);
      }
    }
    return this;
  }

  private int utf8(int codePoint, int column) {
    if (codePoint < 0x800) {
      column = encoded(0xC0 | codePoint >> 6, column);
    } else if (codePoint < 0x10000) {
      column = encoded(0xE0 | codePoint >> 12, column);
      column = encoded(0x80 | (codePoint >> 6 & 0x3F), column);
    } else {
      column = encoded(0xF0 | codePoint >> 18, column);
      column = encoded(0x80 | (codePoint >> 12 & 0x3F), column);
      column = encoded(0x80 | (codePoint >> 6 & 0x3F), column);
    }
    return encoded(0x80 | (codePoint & 0x3F), column);
  }

  private int literal(char c, int column) {
    column = softBreakIfFull(column, 1);
    ensure(1);
    buffer[size++] = (byte) c;
    return column + 1;
  }

  private int encoded(int b, int column) {
    column = softBreakIfFull(column, 3);
    ensure(3);
    buffer[size++] = '=';
    buffer[size++] = HEX[b >> 4 & 0xF];
    buffer[size++] = HEX[b & 0xF];
    return column + 3;
  }

  /** Room is always left for the "=" of a soft break after the token. */
  private int softBreakIfFull(int column, int tokenLength) {
    if (column + tokenLength > MAX_LINE - 1) {
      ensure(3);
      buffer[size++] = '=';
      buffer[size++] = '\r';
      buffer[size++] = '\n';
      return 0;
    }
    return column;
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
