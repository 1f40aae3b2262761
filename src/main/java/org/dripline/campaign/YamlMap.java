package org.dripline.campaign;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML mapping read key by key with every problem collected, each pointing at its node.
 * Composed nodes, not bound objects: binding stops at the first error and loses positions.
 */
final class YamlMap {

  private final String file;
  private final String path;
  private final Node node;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
  private final List<Problem> problems;

  private YamlMap(String file, String path, Node node, List<Problem> problems) {
    this.file = file;
    this.path = path;
    this.node = node;
    this.problems = problems;
  }

  /** Empty when the node is not a mapping (the problem is recorded). */
  static Optional<YamlMap> of(String file, String path, Node node, Set<String> allowedKeys,
      List<Problem> problems) {
    if (!(node instanceof MappingNode mapping)) {
      problems.add(problem(file, node, label(path) + "must be a mapping of keys to values"));
      return Optional.empty();
    }
    YamlMap map = new YamlMap(file, path, node, problems);
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      String key = keyNode instanceof ScalarNode scalar ? scalar.getValue() : null;
      if (key == null) {
        problems.add(problem(file, keyNode, label(path) + "keys must be plain words"));
      } else if (!allowedKeys.contains(key)) {
        problems.add(problem(file, keyNode, "unknown key '" + key + "'" + (path.isEmpty() ? "" : " in " + path)
            + "; expected one of " + String.join(", ", allowedKeys)));
      } else if (map.entries.putIfAbsent(key, tuple) != null) {
        problems.add(problem(file, keyNode, "duplicate key '" + key + "'"));
      }
    }
    return Optional.of(map);
  }

  Location location() {
    return location(node);
  }

  Location location(Node at) {
    return new Location(file, at.getStartMark().getLine() + 1, at.getStartMark().getColumn() + 1);
  }

  Location locationOf(String key) {
    NodeTuple tuple = entries.get(key);
    return tuple == null ? location() : location(tuple.getValueNode());
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  Optional<Node> node(String key) {
    return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
  }

  /** A required scalar; null (problem recorded) when missing or not text. */
  String required(String key) {
    if (!entries.containsKey(key)) {
      problems.add(problem(file, node, label(path) + "missing required key '" + key + "'"));
      return null;
    }
    return optional(key, null);
  }

  String optional(String key, String fallback) {
    NodeTuple tuple = entries.get(key);
    if (tuple == null) {
      return fallback;
    }
    Node value = tuple.getValueNode();
    if (!(value instanceof ScalarNode scalar)) {
      problems.add(problem(file, value, "'" + qualified(key) + "' must be a single value, not a list or mapping"));
      return null;
    }
    String text = scalar.getValue().strip();
    if (text.isEmpty()) {
      problems.add(problem(file, value, "'" + qualified(key) + "' must not be empty"));
      return null;
    }
    return text;
  }

  Optional<List<Node>> sequence(String key) {
    NodeTuple tuple = entries.get(key);
    if (tuple == null) {
      return Optional.empty();
    }
    if (!(tuple.getValueNode() instanceof SequenceNode seq)) {
      problems.add(problem(file, tuple.getValueNode(), "'" + qualified(key) + "' must be a list (items starting with '- ')"));
      return Optional.empty();
    }
    return Optional.of(seq.getValue());
  }

  void problemAt(String key, String message) {
    problems.add(locationOf(key).problem(message));
  }

  String qualified(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static Problem problem(String file, Node at, String message) {
    return new Problem(file, at.getStartMark().getLine() + 1, at.getStartMark().getColumn() + 1, message);
  }

  /**
   * {@code problems} with the alias-limit and nesting-depth errors placed: SnakeYAML's composer
   * reports those without a mark, so the file's events (parsed without composing, so no alias is
   * ever expanded) are replayed to the first alias beyond the limit, or the first node nested
   * beyond it. The limits are read from the message; anything else is returned as it is.
   */
  static List<Problem> located(List<Problem> problems, java.nio.file.Path file) {
    List<Problem> out = new java.util.ArrayList<>(problems.size());
    for (Problem problem : problems) {
      Matcher aliases = ALIAS_LIMIT.matcher(problem.message());
      Matcher depth = DEPTH_LIMIT.matcher(problem.message());
      Mark mark = null;
      if (problem.line() == 0 && aliases.find()) {
        mark = replay(file, Integer.parseInt(aliases.group(1)), Integer.MAX_VALUE);
      } else if (problem.line() == 0 && depth.find()) {
        mark = replay(file, Integer.MAX_VALUE, Integer.parseInt(depth.group(1)));
      }
      out.add(mark == null ? problem
          : new Problem(problem.file(), mark.getLine() + 1, mark.getColumn() + 1, problem.message()));
    }
    return out;
  }

  private static final Pattern ALIAS_LIMIT = Pattern.compile("aliases for non-scalar nodes exceeds the specified max=(\\d+)");
  private static final Pattern DEPTH_LIMIT = Pattern.compile("Nesting Depth exceeded max (\\d+)");
  private static final int MAX_REPLAY_CHARS = 1024 * 1024;

  /** Where the composer stopped: the alias past {@code maxAliases}, or the node deeper than {@code maxDepth}. */
  private static Mark replay(java.nio.file.Path file, int maxAliases, int maxDepth) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_REPLAY_CHARS);
    Set<String> collections = new java.util.HashSet<>();
    int aliases = 0;
    int open = 0;
    try (var reader = java.nio.file.Files.newBufferedReader(file)) {
      for (Event event : new Yaml(options).parse(reader)) {
        if (event instanceof AliasEvent alias) {
          if (collections.contains(alias.getAnchor()) && ++aliases > maxAliases) {
            return event.getStartMark();
          }
          continue;
        }
        boolean node = event instanceof ScalarEvent || event instanceof CollectionStartEvent;
        if (node && open > maxDepth) {
          return event.getStartMark();
        }
        if (event instanceof CollectionStartEvent start) {
          open++;
          if (start.getAnchor() != null) {
            collections.add(start.getAnchor());
          }
        } else if (event instanceof CollectionEndEvent) {
          open--;
        } else if (event instanceof ScalarEvent scalar && scalar.getAnchor() != null) {
          collections.remove(scalar.getAnchor());
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // The composer's own message stands without a place: the replay is only a pointer.
      return null;
    }
    return null;
  }

  private static String label(String path) {
    return path.isEmpty() ? "" : path + ": ";
  }
}
