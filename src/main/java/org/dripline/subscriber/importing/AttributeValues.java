package org.dripline.subscriber.importing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * How an attribute's text is also read as a number or a date, once, at write time; segment rules
 * compare those typed copies. The same definitions serve the rule compiler's expectations.
 */
public final class AttributeValues {

  private static final Pattern NUMBER = Pattern.compile("-?\\d{1,28}(\\.\\d{1,10})?");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private AttributeValues() {
  }

  /** The value as a number, or null when it is not a plain decimal number. */
  public static BigDecimal number(String value) {
    return value != null && NUMBER.matcher(value).matches() ? new BigDecimal(value) : null;
  }

  /** The value as an ISO date (2026-12-01), or null. */
  public static LocalDate date(String value) {
    if (value == null || !DATE.matcher(value).matches()) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
