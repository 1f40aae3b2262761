package org.dripline.campaign;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  private static String label(String path) {
    return path.isEmpty() ? "" : path + ": ";
  }
}
