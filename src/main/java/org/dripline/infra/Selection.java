package org.dripline.infra;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code from ... where ...} clause and the values it binds. A feature that writes rows with an
 * INSERT ... SELECT hands out the selection it inserts, so a dry run counts those very rows
 * instead of keeping its own copy of the rule.
 */
public record Selection(String from, Map<String, Object> parameters) {

  public Selection {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /** This selection narrowed by one more condition (fixed SQL text) binding {@code values}. */
  public Selection and(String condition, Map<String, ?> values) {
    Map<String, Object> all = new LinkedHashMap<>(parameters);
    all.putAll(values);
    return new Selection(from.stripTrailing() + "\n  and (" + condition + ")\n", all);
  }
}
