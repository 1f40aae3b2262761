package org.dripline.web.api;

import org.dripline.infra.InvalidInputException;

/** A request field that is missing or malformed: 400, and the problem names the field. */
class InvalidFieldException extends InvalidInputException {

  private final String field;

  InvalidFieldException(String field, String message) {
    super(message);
    this.field = field;
  }

  String field() {
    return field;
  }

  static java.time.Instant instant(String field, String value, java.time.Instant fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return java.time.Instant.parse(value.strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidFieldException(field, "'" + value + "' is not an ISO-8601 instant like 2026-12-01T08:00:00Z");
    }
  }
}
