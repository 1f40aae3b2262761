package org.dripline.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.dripline.segment.Rule;
import org.yaml.snakeyaml.nodes.Node;

/** Reads {@code audience:}: nestable all/any/none groups of typed rules (tags for now). */
final class AudienceParser {

  static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
  private static final Set<String> GROUP_KEYS = new java.util.LinkedHashSet<>(List.of("all", "any", "none"));
  private static final Set<String> RULE_KEYS = new java.util.LinkedHashSet<>(List.of("tag", "all", "any", "none"));
  private static final int MAX_DEPTH = 10;

  private final String file;
  private final List<Problem> problems;

  AudienceParser(String file, List<Problem> problems) {
    this.file = file;
    this.problems = problems;
  }

  Rule parse(Node node) {
    return YamlMap.of(file, "audience", node, GROUP_KEYS, problems)
        .map(map -> group(map, Rule.Group.Kind.ALL, 0))
        .orElse(Rule.EVERYONE);
  }

  /** The keys of one mapping are combined with AND, like a top-level audience. */
  private Rule group(YamlMap map, Rule.Group.Kind kind, int depth) {
    List<Rule> parts = new ArrayList<>();
    for (String key : List.of("all", "any", "none")) {
      map.sequence(key).ifPresent(items -> {
        List<Rule> rules = new ArrayList<>();
        for (Node item : items) {
          rules.add(rule(item, depth + 1));
        }
        parts.add(new Rule.Group(Rule.Group.Kind.valueOf(key.toUpperCase()), rules));
      });
    }
    return parts.size() == 1 ? parts.get(0) : new Rule.Group(kind, parts);
  }

  private Rule rule(Node node, int depth) {
    if (depth > MAX_DEPTH) {
      problems.add(YamlMap.problem(file, node, "audience rules nest deeper than " + MAX_DEPTH + " levels"));
      return Rule.EVERYONE;
    }
    return YamlMap.of(file, "audience rule", node, RULE_KEYS, problems).map(map -> {
      if (map.has("tag")) {
        if (map.has("all") || map.has("any") || map.has("none")) {
          map.problemAt("tag", "a rule is either 'tag' or a group (all/any/none), not both");
        }
        String tag = map.optional("tag", null);
        if (tag != null && !TAG.matcher(tag).matches()) {
          map.problemAt("tag", "tag '" + tag + "' is not a valid tag name (letters, digits, '-', '_', '.')");
        }
        return (Rule) new Rule.Tag(tag == null ? "" : tag);
      }
      return group(map, Rule.Group.Kind.ALL, depth);
    }).orElse(Rule.EVERYONE);
  }
}
