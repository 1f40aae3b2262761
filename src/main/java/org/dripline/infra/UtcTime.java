package org.dripline.infra;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Instants travel to and from the database as UTC {@link LocalDateTime}: both H2 and Connector/J
 * pass those through unchanged, whatever the JVM's or the server's time zone.
 */
public final class UtcTime {

  private UtcTime() {
  }

  public static LocalDateTime toDb(Instant instant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  public static Instant fromDb(LocalDateTime value) {
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }
}
