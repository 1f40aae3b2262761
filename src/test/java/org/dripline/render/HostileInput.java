package org.dripline.render;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.dripline.subscriber.SubscriberProfile;

/**
 * Random subscriber data an attacker could store through import or the preference page: template
 * syntax, encoded words, line breaks and other controls, bidi marks, markup, very long values.
 * Everything comes from the {@link Random} handed in, so a seed reproduces a case exactly.
 */
final class HostileInput {

  /** Text that appears in a rendered message only if subscriber data was run as template code. */
  static final String EVALUATED = "EVALED";
  /** A tag name that appears unescaped in HTML only if subscriber data escaped the markup. */
  static final String PROBE_TAG = "<xss-probe";

  private static final String[] TEMPLATE_SYNTAX = {"${7*7}", "${\"EVAL\" + \"ED\"}", "<#assign x=\"EVAL\"+\"ED\">${x}",
      "[#if true]EVAL[/#if]ED", "[=\"EVAL\"+\"ED\"]", "<#macro r><@r/></#macro><@r/>", "#{1+1}", "${subscriber.email}",
      "<@c.greeting/>", "<#include \"/layouts/components.ftlh\">", "${", "<#if", "</#list>", "<#--", "-->", "<#ftl>",
      "${'x'?left_pad(2000000000)}", "${(1..400000000)?join(',')}", "<#list 1.. as i></#list>", "${.now}", "?interpret",
      "?eval", "${\"freemarker.template.utility.Execute\"?new()(\"id\")}", "${.vars}", "${r'EVAL'}ED"};
  private static final String[] ENCODED_WORDS = {"=?utf-8?b?RXZlDQpCY2M6IGJjYy1ld2JAZXZpbC50ZXN0?=",
      "=?UTF-8?Q?Zo=0D=0ABcc:_evil@attacker.example?=", "=?iso-8859-1?q?=41=0A?=", "=?utf-8?b?", "?=", "=?",
      "=?utf-8?q?Eve_<evil@attacker.example>?=", "=?utf-8*en?B?RXZl?=", "=?x?x?x?="};
  private static final String[] CONTROLS = {"\r\n", "\r", "\n", "\u0000", "\u2028", "\u2029", "\u0085", "\t", "\u000B",
      "\u000C", "\u001B[31m", "\u007F", "\uFEFF", "\uD800", "\uDFFF", "\r\n\r\n", "\r\n.\r\n", "\n.\n", "\r\n ", "\n\t"};
  private static final String[] HEADERS = {"\r\nBcc: evil@attacker.example", "\nTo: evil@attacker.example",
      "\rCc: evil@attacker.example", "\r\n\r\n<html>injected body</html>", ", evil@attacker.example",
      "<evil@attacker.example>", "\"Zoë\" <evil@attacker.example>", "Zoë <evil@attacker.example>, x", "\"", "\\", ";", ":",
      "@", "(comment)", "Subject: x", "--=_dripline_00", "Content-Type: text/html", "From x", "=", "=0D=0A", "=\r\n"};
  private static final String[] BIDI = {"\u202E", "\u202D", "\u2066", "\u2067", "\u2069", "\u200F", "\u200E", "\u061C",
      "\u200B", "\u200D", "\u034F", "\u115F"};
  private static final String[] MARKUP = {"<script>alert(1)</script>", "<xss-probe onerror=alert(1)>", "\"><xss-probe>",
      "'><xss-probe>", "javascript:alert(1)", "&lt;", "&amp;", "]]>", "<!--", "<![CDATA[", "</body>", "<style>*{}</style>",
      "&#x0A;", "%0d%0aBcc:x"};
  private static final String[] WORDS = {"Zoë", "Ann", "O'Brien", "José María", "李雷", "محمد", "Ægir", "👩‍💻", "Ünïcødé",
      "- ", "1. ", "  ", " ", "", "yes", "no", "Paris", "2000000000", "-1", "1e309", "NaN", "0", "true"};
  private static final String[] EMAILS = {"zoe@example.org", "zoe+tag@example.org", "o'brien@example.org",
      "x.y-z_w@sub.example.org", "a@b.example", "very.long.local.part.that.keeps.going@example.org", "UPPER@EXAMPLE.ORG"};
  private static final String[] KEYS = {"city", "returning_from_leave", "n", "country", "${x}", "a.b", "", "\r\n", "<b>",
      "=?utf-8?b?eA==?=", "class", "toString", "firstName"};
  private static final String[] ZONES = {"Europe/Paris", "America/New_York", "", "Mars/Olympus", "UTC\r\nBcc: x",
      "${7*7}"};

  private HostileInput() {
  }

  /** One hostile value: one to four pieces, each from a family of payloads. */
  static String value(Random random) {
    StringBuilder value = new StringBuilder();
    int pieces = 1 + random.nextInt(4);
    for (int i = 0; i < pieces; i++) {
      value.append(piece(random));
    }
    return value.toString();
  }

  private static String piece(Random random) {
    return switch (random.nextInt(11)) {
      case 0 -> pick(random, TEMPLATE_SYNTAX);
      case 1 -> pick(random, ENCODED_WORDS);
      case 2 -> encodedWord(random);
      case 3 -> pick(random, CONTROLS);
      case 4 -> pick(random, HEADERS);
      case 5 -> pick(random, BIDI);
      case 6 -> pick(random, MARKUP);
      case 7 -> longText(random);
      case 8 -> randomText(random, 1 + random.nextInt(40));
      default -> pick(random, WORDS);
    };
  }

  /** An encoded word of random bytes, CR LF and header syntax included, in b or q form. */
  private static String encodedWord(Random random) {
    String decoded = pick(random, WORDS) + pick(random, HEADERS) + pick(random, CONTROLS);
    byte[] bytes = decoded.getBytes(StandardCharsets.UTF_8);
    if (random.nextBoolean()) {
      return "=?utf-8?b?" + Base64.getEncoder().encodeToString(bytes) + "?=";
    }
    StringBuilder q = new StringBuilder("=?UTF-8?Q?");
    for (byte b : bytes) {
      q.append(String.format("=%02X", b & 0xFF));
    }
    return q.append("?=").toString();
  }

  /**
   * Up to 20,000 characters (mostly up to 2,500: reading a long encoded header back with Jakarta Mail
   * is slow): one word, many words, multi-byte runs, or a run of spaces.
   */
  private static String longText(Random random) {
    int length = 100 + random.nextInt(random.nextInt(10) == 0 ? 20_000 : 2_500);
    return switch (random.nextInt(5)) {
      case 0 -> "x".repeat(length);
      case 1 -> "word ".repeat(length / 5);
      case 2 -> "ë".repeat(length);
      case 3 -> "👩‍💻".repeat(length / 5);
      default -> " ".repeat(length) + "x";
    };
  }

  /** Code points from the ranges that trip encoders: controls, Latin-1, BMP, surrogate pairs. */
  static String randomText(Random random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int codePoint = switch (random.nextInt(5)) {
        case 0 -> random.nextInt(0x20);
        case 1 -> 0x20 + random.nextInt(0x5f);
        case 2 -> 0x80 + random.nextInt(0x780);
        case 3 -> 0x2000 + random.nextInt(0x70);
        default -> 0x1F300 + random.nextInt(0x300);
      };
      text.appendCodePoint(codePoint);
    }
    return text.toString();
  }

  /** A subscriber with a valid, varied email and hostile everything else. */
  static SubscriberProfile subscriber(Random random, long id) {
    String firstName = random.nextInt(10) == 0 ? null : value(random);
    String timezone = random.nextInt(3) == 0 ? null : random.nextBoolean() ? pick(random, ZONES) : value(random);
    Map<String, String> attributes = new LinkedHashMap<>();
    int count = random.nextInt(5);
    for (int i = 0; i < count; i++) {
      attributes.put(random.nextBoolean() ? pick(random, KEYS) : value(random), value(random));
    }
    List<String> tags = new ArrayList<>();
    int tagCount = random.nextInt(4);
    for (int i = 0; i < tagCount; i++) {
      tags.add(value(random));
    }
    return new SubscriberProfile(id, pick(random, EMAILS), firstName, timezone, "ACTIVE", attributes, tags);
  }

  static String pick(Random random, String[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  /** The value with controls and non-ASCII escaped, for a failure report that prints on one line. */
  static String describe(Object value) {
    String text = String.valueOf(value);
    StringBuilder out = new StringBuilder();
    text.codePoints().limit(400).forEach(c -> {
      if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029 || (c >= 0xd800 && c <= 0xdfff)) {
        out.append(String.format("\\u%04X", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return text.length() > 400 ? out + "…(" + text.length() + " chars)" : out.toString();
  }
}
