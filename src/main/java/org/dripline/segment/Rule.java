package org.dripline.segment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * A typed audience or step-condition rule, parsed from campaign YAML and compiled to SQL by
 * {@link AudienceSql}. Never raw SQL: the YAML can only name these shapes.
 */
public sealed interface Rule
    permits Rule.Group, Rule.Tag, Rule.Attribute, Rule.Subscribed, Rule.Timezone, Rule.Engagement, Rule.NotOpenedLast {

  /** Everyone who is subscribed. */
  Rule EVERYONE = new Group(Group.Kind.ALL, List.of());

  record Group(Kind kind, List<Rule> rules) implements Rule {
    public enum Kind { ALL, ANY, NONE }
  }

  record Tag(String tag) implements Rule {
  }

  /** An attribute compared with typed values (numbers and dates compare as such, text exactly). */
  record Attribute(String name, Operator operator, List<Value> values) implements Rule {

    public enum Operator { EQ, NE, LT, LTE, GT, GTE, IN, CONTAINS, EXISTS, MISSING }

    public Value value() {
      return values.get(0);
    }
  }

  /** A literal from YAML with the type it was written as. */
  record Value(Type type, String text, BigDecimal number, LocalDate date) {

    public enum Type { NUMBER, DATE, TEXT }

    public static Value text(String text) {
      return new Value(Type.TEXT, text, null, null);
    }

    public static Value number(BigDecimal number) {
      return new Value(Type.NUMBER, number.toPlainString(), number, null);
    }

    public static Value date(LocalDate date) {
      return new Value(Type.DATE, date.toString(), null, date);
    }
  }

  /** Signed up before/after a date, or within a duration before the run's asOf. */
  record Subscribed(LocalDate before, LocalDate after, Duration within) implements Rule {
  }

  record Timezone(List<String> zones) implements Rule {
  }

  /**
   * Human opens or clicks of a step (of this campaign unless named), optionally of one link.
   * A null step means any step of the campaign.
   */
  record Engagement(Kind kind, String campaignId, String stepId, String link) implements Rule {
    public enum Kind { OPENED, CLICKED }
  }

  /** None of the subscriber's last N sent messages (any campaign) was opened by a human. */
  record NotOpenedLast(int sends) implements Rule {
  }
}
