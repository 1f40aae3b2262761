package org.dripline.infra;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Text that ends up in a header (subject, display name) or a one-line slot (preheader): line
 * breaks, NUL and other control or separator characters become spaces, so no value can start a
 * new header. {@link #encoded} then writes a cleaned value as header text that a decoding mail
 * client shows exactly as it is: data that merely looks like an RFC 2047 encoded word
 * ({@code =?utf-8?b?…?=}) is encoded by us, so it can never be decoded into something else
 * (a CR LF and a {@code Bcc:} line, say).
 */
public final class HeaderText {

  private static final Pattern BREAKS = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\u0085]+");
  private static final Pattern SPACES = Pattern.compile("\\s{2,}");
  private static final String PREFIX = "=?UTF-8?B?";
  private static final String SUFFIX = "?=";
  /**
   * The longest run without a blank that folding can still fit on a line beside a header name (RFC 5322
   * 2.1.1: 78 characters a line). Folding only breaks at blanks, so a longer run is encoded: encoded words
   * are short and separated by spaces, where the line can break. Otherwise a 2,000-letter name makes a
   * 2,000-character header line, past the 998 any server accepts.
   */
  private static final int LONGEST_WORD = 60;
  /** RFC 2047 2: an encoded word is at most 75 characters; 45 bytes give 60 base64 characters. */
  private static final int BYTES_PER_WORD = (75 - PREFIX.length() - SUFFIX.length()) / 4 * 3;

  private HeaderText() {
  }

  public static String clean(String value) {
    if (value == null) {
      return null;
    }
    return SPACES.matcher(BREAKS.matcher(value).replaceAll(" ")).replaceAll(" ").strip();
  }

  /**
   * {@code value} cleaned, as it may be written into an unstructured header or a display name:
   * unchanged when it is printable ASCII with no {@code =?} (nothing a client could decode) and no word
   * too long to fold,
   * otherwise wholly as UTF-8 base64 encoded words separated by spaces (which decoders drop
   * between encoded words), each at most 75 characters and never splitting a character. A client
   * that decodes gets back exactly the cleaned text, {@code =?} and all.
   */
  public static String encoded(String value) {
    String text = clean(value);
    if (text == null || !needsEncoding(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() * 2);
    int start = 0;
    while (start < text.length()) {
      int end = start;
      int bytes = 0;
      while (end < text.length()) {
        int codePoint = text.codePointAt(end);
        int size = utf8Length(codePoint);
        if (bytes + size > BYTES_PER_WORD) {
          break;
        }
        bytes += size;
        end += Character.charCount(codePoint);
      }
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(PREFIX)
          .append(Base64.getEncoder().encodeToString(text.substring(start, end).getBytes(StandardCharsets.UTF_8)))
          .append(SUFFIX);
      start = end;
    }
    return out.toString();
  }

  /**
   * Whether {@link #encoded} would encode {@code text}: anything but printable ASCII, "=?", or a word too
   * long to fold onto a line of its own.
   */
  public static boolean needsEncoding(String text) {
    int word = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return true;
      }
      word = c == ' ' ? 0 : word + 1;
      if (word > LONGEST_WORD) {
        return true;
      }
    }
    return text.contains("=?");
  }

  private static int utf8Length(int codePoint) {
    return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }
}
