package org.dripline.bounce.providers;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading the providers' JSON leniently where it may vary and strictly where it must not. */
final class Json {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final Pattern ENHANCED_CODE = Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b");

  private Json() {
  }

  /** The body as JSON, or a 400 saying why not (never the parser's stack trace). */
  static JsonNode parse(byte[] body, String what) {
    if (body == null || body.length == 0) {
      throw WebhookException.malformed(what + ": the body is empty");
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw WebhookException.malformed(what + ": the body is empty");
      }
      return node;
    } catch (JacksonException e) {
      throw WebhookException.malformed(what + ": the body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  static JsonNode parse(String text, String what) {
    return parse(text == null ? null : text.getBytes(java.nio.charset.StandardCharsets.UTF_8), what);
  }

  /** A scalar field as text; null when absent, null, empty or not a scalar. */
  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || value.isNull() || !value.isValueNode()) {
      return null;
    }
    String text = value.asString().strip();
    return text.isEmpty() ? null : text;
  }

  /** A field that must be there: a 400 naming it otherwise. */
  static String required(JsonNode node, String field, String what) {
    String value = text(node, field);
    if (value == null) {
      throw WebhookException.malformed(what + ": '" + field + "' is missing");
    }
    return value;
  }

  static JsonNode object(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isObject() ? value : null;
  }

  /** An ISO-8601 instant, or null when absent or unreadable (the time of an event is not worth a refusal). */
  static Instant instant(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Epoch seconds, fractional or not, or null. */
  static Instant epochSeconds(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || !(value.isNumber() || value.isString())) {
      return null;
    }
    try {
      double seconds = Double.parseDouble(value.asString());
      return Double.isFinite(seconds) ? Instant.ofEpochMilli((long) (seconds * 1000)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The first RFC 3463 code in an SMTP reply ("550 5.1.1 ..."), for providers that give none by itself. */
  static String enhancedCode(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = ENHANCED_CODE.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  /** A Message-ID as the ledger stores it: one {@code <...>}; providers quote it with or without the brackets. */
  static String messageId(String value) {
    if (value == null) {
      return null;
    }
    String id = value.strip();
    if (id.startsWith("<") && id.endsWith(">")) {
      id = id.substring(1, id.length() - 1).strip();
    }
    return id.isEmpty() || id.length() > 250 || id.matches(".*[<>\\s].*") ? null : "<" + id + ">";
  }
}
