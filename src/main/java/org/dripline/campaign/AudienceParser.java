package org.dripline.campaign;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.dripline.segment.Rule;
import org.dripline.segment.Rule.Attribute.Operator;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads {@code audience:} and a step's {@code when:}: nestable all/any/none groups of typed rules.
 * Every mistake is a problem at its node, never an exception.
 */
final class AudienceParser {

  static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
  private static final Pattern ATTRIBUTE = Pattern.compile("[a-z][a-z0-9_]{0,99}");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Set<String> GROUP_KEYS = ordered("all", "any", "none");
  private static final Set<String> KINDS = ordered("tag", "attribute", "subscribed", "timezone", "country", "opened",
      "clicked", "not_opened_last", "all", "any", "none");
  private static final Set<String> OPERATORS = ordered("eq", "ne", "lt", "lte", "gt", "gte", "in", "contains", "exists");
  private static final Set<String> RULE_KEYS = union(KINDS, OPERATORS);
  private static final Set<String> SUBSCRIBED_KEYS = ordered("before", "after", "within");
  private static final Set<String> ENGAGEMENT_KEYS = ordered("step", "campaign", "link");
  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
  private static final int MAX_DEPTH = 10;

  /** An engagement rule naming a step, checked once the campaign's steps are known. */
  record StepReference(String campaignId, String stepId, Location location) {
  }

  private final String file;
  private final List<Problem> problems;
  private final List<StepReference> stepReferences = new ArrayList<>();

  AudienceParser(String file, List<Problem> problems) {
    this.file = file;
    this.problems = problems;
  }

  List<StepReference> stepReferences() {
    return stepReferences;
  }

  /** {@code audience:} is a mapping of groups; its keys are combined with AND. */
  Rule parse(Node node) {
    return YamlMap.of(file, "audience", node, GROUP_KEYS, problems)
        .map(map -> group(map, 0))
        .orElse(Rule.EVERYONE);
  }

  /** {@code when:} is one rule (a group or a single condition). */
  Rule condition(Node node) {
    return rule(node, 0);
  }

  private Rule group(YamlMap map, int depth) {
    List<Rule> parts = new ArrayList<>();
    for (String key : List.of("all", "any", "none")) {
      map.sequence(key).ifPresent(items -> {
        List<Rule> rules = new ArrayList<>();
        for (Node item : items) {
          rules.add(rule(item, depth + 1));
        }
        parts.add(new Rule.Group(Rule.Group.Kind.valueOf(key.toUpperCase(Locale.ROOT)), rules));
      });
    }
    return parts.size() == 1 ? parts.get(0) : new Rule.Group(Rule.Group.Kind.ALL, parts);
  }

  private Rule rule(Node node, int depth) {
    if (depth > MAX_DEPTH) {
      problems.add(YamlMap.problem(file, node, "rules nest deeper than " + MAX_DEPTH + " levels"));
      return Rule.EVERYONE;
    }
    int known = problems.size();
    YamlMap map = YamlMap.of(file, "rule", node, RULE_KEYS, problems).orElse(null);
    if (map == null) {
      return Rule.EVERYONE;
    }
    List<String> kinds = KINDS.stream().filter(map::has).toList();
    if (kinds.isEmpty() && problems.size() > known) {
      return Rule.EVERYONE; // a misspelt key was reported already; "needs one of" would say it twice
    }
    List<String> groups = kinds.stream().filter(GROUP_KEYS::contains).toList();
    if (!groups.isEmpty() && groups.size() == kinds.size()) {
      return group(map, depth);
    }
    if (kinds.size() != 1) {
      problems.add(map.location().problem(kinds.isEmpty()
          ? "a rule needs one of: " + String.join(", ", KINDS)
          : "a rule has exactly one kind, found " + String.join(" and ", kinds) + " (put several rules in all/any/none)"));
      return Rule.EVERYONE;
    }
    String kind = kinds.get(0);
    if (!kind.equals("attribute")) {
      OPERATORS.stream().filter(map::has).findFirst()
          .ifPresent(op -> map.problemAt(op, "'" + op + "' belongs to an attribute rule, not to '" + kind + "'"));
    }
    return switch (kind) {
      case "tag" -> tag(map);
      case "attribute" -> attribute(map);
      case "subscribed" -> subscribed(map);
      case "timezone" -> timezone(map);
      case "country" -> country(map);
      case "opened", "clicked" -> engagement(map, kind);
      default -> notOpenedLast(map);
    };
  }

  private Rule tag(YamlMap map) {
    String tag = map.optional("tag", null);
    if (tag != null && !TAG.matcher(tag).matches()) {
      map.problemAt("tag", "tag '" + tag + "' is not a valid tag name (letters, digits, '-', '_', '.')");
    }
    return new Rule.Tag(tag == null ? "" : tag);
  }

  private Rule attribute(YamlMap map) {
    String name = map.optional("attribute", null);
    if (name != null && !ATTRIBUTE.matcher(name).matches()) {
      map.problemAt("attribute", "attribute '" + name + "' must be a lower-case column name such as kids or country");
    }
    List<String> ops = OPERATORS.stream().filter(map::has).toList();
    if (ops.size() != 1) {
      map.problemAt("attribute", "attribute '" + name + "' needs exactly one operator of: " + String.join(", ", OPERATORS)
          + (ops.isEmpty() ? "" : " (found " + String.join(", ", ops) + ")"));
      return Rule.EVERYONE;
    }
    String op = ops.get(0);
    Node valueNode = map.node(op).orElseThrow();
    List<Rule.Value> values = new ArrayList<>();
    Operator operator = Operator.valueOf(op.toUpperCase(Locale.ROOT));
    switch (op) {
      case "exists" -> {
        if (!(valueNode instanceof ScalarNode s) || !Tag.BOOL.equals(s.getTag())) {
          problems.add(YamlMap.problem(file, valueNode, "'exists' takes true or false"));
        } else if (s.getValue().equalsIgnoreCase("false")) {
          operator = Operator.MISSING;
        }
      }
      case "in" -> {
        if (!(valueNode instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
          problems.add(YamlMap.problem(file, valueNode, "'in' takes a non-empty list, e.g. in: [DE, FR]"));
        } else {
          seq.getValue().forEach(item -> values.add(value(item)));
        }
      }
      case "lt", "lte", "gt", "gte" -> {
        Rule.Value value = value(valueNode);
        if (value.type() == Rule.Value.Type.TEXT) {
          problems.add(YamlMap.problem(file, valueNode, "'" + op + "' compares numbers or dates (2026-12-01), not text '"
              + value.text() + "'"));
        }
        values.add(value);
      }
      case "contains" -> {
        Rule.Value value = value(valueNode);
        if (value.type() != Rule.Value.Type.TEXT) {
          problems.add(YamlMap.problem(file, valueNode, "'contains' looks for text; quote the value"));
        }
        values.add(value);
      }
      default -> values.add(value(valueNode));
    }
    return new Rule.Attribute(name == null ? "" : name, operator, values);
  }

  private Rule subscribed(YamlMap outer) {
    Node node = outer.node("subscribed").orElseThrow();
    YamlMap map = YamlMap.of(file, "subscribed", node, SUBSCRIBED_KEYS, problems).orElse(null);
    if (map == null) {
      return Rule.EVERYONE;
    }
    long given = SUBSCRIBED_KEYS.stream().filter(map::has).count();
    if (given != 1) {
      problems.add(map.location().problem("subscribed takes one of before, after or within"));
      return Rule.EVERYONE;
    }
    if (map.has("within")) {
      String raw = map.optional("within", null);
      try {
        Duration within = Duration.parse(String.valueOf(raw));
        if (within.isNegative() || within.isZero()) {
          map.problemAt("within", "within must be a positive duration such as P30D");
        }
        return new Rule.Subscribed(null, null, within);
      } catch (DateTimeParseException e) {
        map.problemAt("within", "within '" + raw + "' is not an ISO-8601 duration such as P30D");
        return Rule.EVERYONE;
      }
    }
    String key = map.has("before") ? "before" : "after";
    Rule.Value value = value(map.node(key).orElseThrow());
    if (value.type() != Rule.Value.Type.DATE) {
      map.problemAt(key, key + " takes a date such as 2026-12-01");
      return Rule.EVERYONE;
    }
    return key.equals("before") ? new Rule.Subscribed(value.date(), null, null) : new Rule.Subscribed(null, value.date(), null);
  }

  private Rule timezone(YamlMap map) {
    List<String> zones = texts(map, "timezone");
    zones.stream().filter(z -> !ZONES.contains(z)).forEach(z -> map.problemAt("timezone",
        "unknown timezone '" + z + "' (use an IANA name such as Europe/Berlin)"));
    return new Rule.Timezone(zones);
  }

  private Rule country(YamlMap map) {
    List<String> countries = texts(map, "country");
    countries.stream().filter(c -> !COUNTRY.matcher(c).matches()).forEach(c -> map.problemAt("country",
        "country '" + c + "' must be an ISO 3166 code such as DE"));
    return new Rule.Attribute("country", Operator.IN, countries.stream().map(Rule.Value::text).toList());
  }

  private Rule engagement(YamlMap outer, String kind) {
    Node node = outer.node(kind).orElseThrow();
    Rule.Engagement.Kind type = Rule.Engagement.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
    if (node instanceof ScalarNode scalar) {
      String step = scalar.getValue().strip();
      if (step.equals("any")) {
        return new Rule.Engagement(type, null, null, null);
      }
      stepReferences.add(new StepReference(null, step, outer.location(node)));
      return new Rule.Engagement(type, null, step, null);
    }
    YamlMap map = YamlMap.of(file, kind, node, ENGAGEMENT_KEYS, problems).orElse(null);
    if (map == null) {
      return Rule.EVERYONE;
    }
    String campaign = map.optional("campaign", null);
    String step = map.optional("step", null);
    String link = map.optional("link", null);
    if (link != null && type == Rule.Engagement.Kind.OPENED) {
      map.problemAt("link", "links are clicked, not opened: use clicked");
    }
    if (link != null && !link.startsWith("https://") && !link.startsWith("http://")) {
      map.problemAt("link", "link must be the full URL as written in the template (https://...)");
    }
    if (step != null) {
      stepReferences.add(new StepReference(campaign, step, map.locationOf("step")));
    }
    return new Rule.Engagement(type, campaign, step, link);
  }

  private Rule notOpenedLast(YamlMap map) {
    String raw = map.optional("not_opened_last", null);
    try {
      int sends = Integer.parseInt(String.valueOf(raw));
      if (sends < 1 || sends > 100) {
        map.problemAt("not_opened_last", "not_opened_last counts sends: 1 to 100");
      }
      return new Rule.NotOpenedLast(sends);
    } catch (NumberFormatException e) {
      map.problemAt("not_opened_last", "not_opened_last takes a number of sends, e.g. 3");
      return Rule.EVERYONE;
    }
  }

  private List<String> texts(YamlMap map, String key) {
    Node node = map.node(key).orElseThrow();
    List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
    List<String> texts = new ArrayList<>();
    for (Node item : items) {
      if (item instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
        texts.add(scalar.getValue().strip());
      } else {
        problems.add(YamlMap.problem(file, item, key + " takes a value or a list of values"));
      }
    }
    if (texts.isEmpty() && items.isEmpty()) {
      problems.add(YamlMap.problem(file, node, key + " needs at least one value"));
    }
    return texts;
  }

  /** A YAML scalar with its written type: unquoted numbers and dates are typed, quoted text stays text. */
  private Rule.Value value(Node node) {
    if (!(node instanceof ScalarNode scalar)) {
      problems.add(YamlMap.problem(file, node, "expected a single value"));
      return Rule.Value.text("");
    }
    String text = scalar.getValue();
    if (Tag.INT.equals(scalar.getTag()) || Tag.FLOAT.equals(scalar.getTag())) {
      try {
        return Rule.Value.number(new BigDecimal(text.replace("_", "")));
      } catch (NumberFormatException e) {
        problems.add(YamlMap.problem(file, node, "'" + text + "' is not a plain decimal number"));
        return Rule.Value.text(text);
      }
    }
    if (Tag.TIMESTAMP.equals(scalar.getTag())) {
      try {
        return Rule.Value.date(LocalDate.parse(text));
      } catch (DateTimeParseException e) {
        problems.add(YamlMap.problem(file, node, "'" + text + "' must be a date such as 2026-12-01 (no time)"));
        return Rule.Value.text(text);
      }
    }
    if (Tag.BOOL.equals(scalar.getTag()) || Tag.NULL.equals(scalar.getTag())) {
      problems.add(YamlMap.problem(file, node, "'" + text + "' is not a value a rule can compare; quote it for text"));
    }
    return Rule.Value.text(text);
  }

  private static Set<String> ordered(String... keys) {
    return new LinkedHashSet<>(List.of(keys));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return all;
  }
}
