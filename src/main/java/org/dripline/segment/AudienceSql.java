package org.dripline.segment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a {@link Rule} into a SQL condition on the subscriber row aliased {@code s}. The SQL
 * text comes only from the fixed fragments below; every value is a named parameter.
 */
public final class AudienceSql {

  private AudienceSql() {
  }

  /** A boolean SQL condition over {@code subscribers s} and the values it binds. */
  public record Condition(String sql, Map<String, Object> parameters) {
  }

  public static Condition compile(Rule rule) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    String sql = compile(rule, parameters);
    return new Condition(sql, Map.copyOf(parameters));
  }

  private static String compile(Rule rule, Map<String, Object> parameters) {
    if (rule instanceof Rule.Tag tag) {
      String name = "audienceTag" + parameters.size();
      parameters.put(name, tag.tag());
      // EXISTS over the (tag, subscriber_id) index rather than a join: one row per subscriber.
      return "exists (select 1 from subscriber_tags t where t.subscriber_id = s.id and t.tag = :" + name + ")";
    }
    return group((Rule.Group) rule, parameters);
  }

  private static String group(Rule.Group group, Map<String, Object> parameters) {
    List<String> parts = new ArrayList<>();
    for (Rule rule : group.rules()) {
      parts.add("(" + compile(rule, parameters) + ")");
    }
    return switch (group.kind()) {
      case ALL -> parts.isEmpty() ? "1 = 1" : String.join(" and ", parts);
      case ANY -> parts.isEmpty() ? "1 = 0" : String.join(" or ", parts);
      case NONE -> parts.isEmpty() ? "1 = 1" : "not (" + String.join(" or ", parts) + ")";
    };
  }
}
