package org.dripline.segment;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a {@link Rule} into a boolean SQL condition on the subscriber row aliased {@code s}.
 * The SQL text comes only from the fixed fragments below; every value is a named parameter. Every
 * fragment is two-valued (never NULL), so {@code not (...)} selects exactly the complement.
 */
public final class AudienceSql {

  private AudienceSql() {
  }

  /** A boolean SQL condition over {@code subscribers s} and the values it binds. */
  public record Condition(String sql, Map<String, Object> parameters) {
  }

  /**
   * @param prefix parameter-name prefix, so several conditions can share one statement
   * @param asOf   the run's instant, for relative rules ("subscribed within P30D")
   */
  public static Condition compile(Rule rule, String prefix, Instant asOf) {
    Compiler compiler = new Compiler(prefix, asOf);
    String sql = compiler.compile(rule);
    return new Condition(sql, Map.copyOf(compiler.parameters));
  }

  public static Condition compile(Rule rule) {
    return compile(rule, "rule", Instant.now());
  }

  private static final class Compiler {

    private final String prefix;
    private final Instant asOf;
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    Compiler(String prefix, Instant asOf) {
      this.prefix = prefix;
      this.asOf = asOf;
    }

    String compile(Rule rule) {
      if (rule instanceof Rule.Group group) {
        return group(group);
      }
      if (rule instanceof Rule.Tag tag) {
        // EXISTS over the (tag, subscriber_id) key rather than a join: one row per subscriber.
        return "exists (select 1 from subscriber_tags t where t.subscriber_id = s.id and t.tag = " + bind(tag.tag()) + ")";
      }
      if (rule instanceof Rule.Attribute attribute) {
        return attribute(attribute);
      }
      if (rule instanceof Rule.Subscribed subscribed) {
        return subscribed(subscribed);
      }
      if (rule instanceof Rule.Timezone timezone) {
        return "(s.timezone is not null and s.timezone in (" + bind(timezone.zones()) + "))";
      }
      if (rule instanceof Rule.Engagement engagement) {
        return engagement(engagement);
      }
      return notOpenedLast((Rule.NotOpenedLast) rule);
    }

    private String group(Rule.Group group) {
      List<String> parts = new ArrayList<>();
      for (Rule rule : group.rules()) {
        parts.add("(" + compile(rule) + ")");
      }
      return switch (group.kind()) {
        case ALL -> parts.isEmpty() ? "1 = 1" : String.join(" and ", parts);
        case ANY -> parts.isEmpty() ? "1 = 0" : String.join(" or ", parts);
        case NONE -> parts.isEmpty() ? "1 = 1" : "not (" + String.join(" or ", parts) + ")";
      };
    }

    private String attribute(Rule.Attribute rule) {
      String row = "exists (select 1 from subscriber_attributes a where a.subscriber_id = s.id and a.name = "
          + bind(rule.name());
      return switch (rule.operator()) {
        case EXISTS -> row + ")";
        case MISSING -> "not " + row + ")";
        case EQ -> row + " and " + equal(rule.value()) + ")";
        case NE -> "not " + row + " and " + equal(rule.value()) + ")";
        case IN -> row + " and (" + String.join(" or ", rule.values().stream().map(this::equal).toList()) + "))";
        case CONTAINS -> row + " and a.attr_value like " + bind("%" + escapeLike(rule.value().text()) + "%")
            + " escape '!')";
        case LT -> row + " and " + typed(rule.value()) + " < " + bindTyped(rule.value()) + ")";
        case LTE -> row + " and " + typed(rule.value()) + " <= " + bindTyped(rule.value()) + ")";
        case GT -> row + " and " + typed(rule.value()) + " > " + bindTyped(rule.value()) + ")";
        case GTE -> row + " and " + typed(rule.value()) + " >= " + bindTyped(rule.value()) + ")";
      };
    }

    /** Numbers and dates compare with the typed copy, text with the text exactly. */
    private String equal(Rule.Value value) {
      return typed(value) + " = " + bindTyped(value);
    }

    private static String typed(Rule.Value value) {
      return switch (value.type()) {
        case NUMBER -> "a.num_value";
        case DATE -> "a.date_value";
        case TEXT -> "a.attr_value";
      };
    }

    private String bindTyped(Rule.Value value) {
      return switch (value.type()) {
        case NUMBER -> bind(value.number());
        case DATE -> bind(value.date());
        case TEXT -> bind(value.text());
      };
    }

    private String subscribed(Rule.Subscribed rule) {
      if (rule.within() != null) {
        return "s.created_at >= " + bind(asOf.minus(rule.within()).atOffset(ZoneOffset.UTC).toLocalDateTime());
      }
      if (rule.before() != null) {
        return "s.created_at < " + bind(rule.before().atStartOfDay());
      }
      return "s.created_at >= " + bind(rule.after().atStartOfDay());
    }

    // Human events only: machine opens (privacy proxies) and scanner clicks never qualify anyone.
    private String engagement(Rule.Engagement rule) {
      String type = rule.kind() == Rule.Engagement.Kind.OPENED ? "OPEN" : "CLICK";
      StringBuilder sql = new StringBuilder("exists (select 1 from deliveries d join events ev on ev.delivery_id = d.id");
      if (rule.link() != null) {
        sql.append(" join links l on l.id = ev.link_id");
      }
      sql.append(" where d.subscriber_id = s.id and ev.type = ").append(bind(type)).append(" and ev.machine = false");
      if (rule.campaignId() != null) {
        sql.append(" and d.campaign_id = ").append(bind(rule.campaignId()));
      } else {
        sql.append(" and d.campaign_id = :campaignId");
      }
      if (rule.stepId() != null) {
        sql.append(" and d.step_id = ").append(bind(rule.stepId()));
      }
      if (rule.link() != null) {
        sql.append(" and l.url = ").append(bind(rule.link()));
      }
      return sql.append(")").toString();
    }

    // The N most recent sends are those with no more than N-1 later sends; none of them was opened.
    private String notOpenedLast(Rule.NotOpenedLast rule) {
      return "not exists (select 1 from deliveries d join events ev on ev.delivery_id = d.id"
          + " where d.subscriber_id = s.id and d.status = 'SENT' and ev.type = 'OPEN' and ev.machine = false"
          + " and (select count(*) from deliveries later where later.subscriber_id = s.id and later.status = 'SENT'"
          + " and later.id > d.id) < " + bind(rule.sends()) + ")";
    }

    private String bind(Object value) {
      String name = prefix + parameters.size();
      parameters.put(name, value);
      return ":" + name;
    }

    private static String escapeLike(String text) {
      return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
  }
}
