package org.dripline.lists;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dripline.campaign.Problem;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads one list file ({@code lists/<id>.yaml}) into a {@link MailingList}, collecting every problem
 * with file:line:column as the campaign loader does, so a marketer fixes a file in one pass. A list
 * file is a handful of scalars: composed nodes (which keep their positions), not bound objects.
 */
final class ListFiles {

  /** The same id rule as campaigns: it appears in URLs, the List-Id header and CSV cells. */
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
  private static final Pattern FILE_NAME = Pattern.compile("(.+)\\.(yaml|yml)");
  private static final Set<String> KEYS = new LinkedHashSet<>(List.of("id", "name", "description",
      "double_opt_in", "sign_up_form", "consent"));
  // A list definition is a few hundred bytes; the limit keeps a stray large file from costing time.
  private static final int MAX_FILE_BYTES = 64 * 1024;
  private static final int MAX_NAME = 200;
  private static final int MAX_DESCRIPTION = 1000;
  // A consent text is a sentence or two next to a checkbox; a page of terms belongs behind a link.
  private static final int MAX_CONSENT = 1000;

  private ListFiles() {
  }

  /** The list file's outcome: a list, or the problems that keep it from loading. */
  record Loaded(String id, Path file, MailingList list, List<Problem> problems) {
  }

  static String idOf(Path file) {
    var matcher = FILE_NAME.matcher(file.getFileName().toString());
    return matcher.matches() ? matcher.group(1) : file.getFileName().toString();
  }

  /** Every list file in {@code directory} (by id, file-name order); two files for one id load neither. */
  static List<Loaded> loadAll(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<Path> files;
    try (var list = Files.list(directory)) {
      files = list.filter(p -> FILE_NAME.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p))
          .sorted().toList();
    } catch (IOException e) {
      return List.of(new Loaded("", directory, null,
          List.of(new Problem(directory.toString(), 0, 0, "cannot list list files: " + e.getMessage()))));
    }
    Map<String, List<Path>> byId = new LinkedHashMap<>();
    files.forEach(file -> byId.computeIfAbsent(idOf(file), id -> new ArrayList<>()).add(file));
    List<Loaded> out = new ArrayList<>();
    byId.forEach((id, paths) -> {
      if (paths.size() > 1) {
        out.add(new Loaded(id, paths.get(0), null, List.of(new Problem(paths.get(1).toString(), 0, 0,
            "both " + paths.get(0).getFileName() + " and " + paths.get(1).getFileName() + " define list '" + id
                + "': keep one of them"))));
      } else {
        out.add(load(paths.get(0)));
      }
    });
    return out;
  }

  static Loaded load(Path file) {
    String name = file.toString();
    String id = idOf(file);
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        return failed(id, file, new Problem(name, 0, 0, "file is larger than 64 KiB; a list definition is a few lines"));
      }
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
      return parse(file, id, text);
    } catch (CharacterCodingException e) {
      return failed(id, file, new Problem(name, 0, 0, "file is not valid UTF-8"));
    } catch (IOException e) {
      return failed(id, file, new Problem(name, 0, 0, "cannot read file: " + e.getMessage()));
    }
  }

  /** Parses {@code text} as the list file {@code file}; {@code expectedId} is the file name's id. */
  static Loaded parse(Path file, String expectedId, String text) {
    String name = file.toString();
    Node root;
    try {
      root = yaml().compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String message = "not valid YAML: " + e.getProblem();
      return failed(expectedId, file, mark == null ? new Problem(name, 0, 0, message)
          : new Problem(name, mark.getLine() + 1, mark.getColumn() + 1, message));
    } catch (YAMLException e) {
      return failed(expectedId, file, new Problem(name, 0, 0, "not valid YAML: " + e.getMessage()));
    }
    if (root == null) {
      return failed(expectedId, file, new Problem(name, 0, 0, "file is empty"));
    }
    if (!(root instanceof MappingNode mapping)) {
      return failed(expectedId, file, at(name, root, "a list file must be a mapping of keys to values"));
    }
    List<Problem> problems = new ArrayList<>();
    Map<String, Node> values = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      String key = keyNode instanceof ScalarNode scalar ? scalar.getValue() : null;
      if (key == null || !KEYS.contains(key)) {
        problems.add(at(name, keyNode, "unknown key '" + (key == null ? "?" : key) + "'; expected one of "
            + String.join(", ", KEYS)));
      } else if (values.putIfAbsent(key, tuple.getValueNode()) != null) {
        problems.add(at(name, keyNode, "duplicate key '" + key + "'"));
      }
    }
    String id = text(name, values, "id", root, true, 100, problems);
    if (id != null && !ID.matcher(id).matches()) {
      problems.add(at(name, values.get("id"), "id '" + id + "' must be lower-case letters, digits and '-' (at most 100)"));
    } else if (id != null && !id.equals(expectedId)) {
      problems.add(at(name, values.get("id"), "id '" + id + "' must match the file name '" + file.getFileName() + "'"));
    }
    String listName = text(name, values, "name", root, true, MAX_NAME, problems);
    String description = text(name, values, "description", root, false, MAX_DESCRIPTION, problems);
    boolean doubleOptIn = flag(name, values, "double_opt_in", true, problems);
    boolean signUpForm = flag(name, values, "sign_up_form", false, problems);
    // Optional, but when written it is what subscribers agree to: an empty one would be agreeing to nothing.
    String consent = text(name, values, "consent", root, false, MAX_CONSENT, problems);
    if (consent != null && consent.isEmpty()) {
      problems.add(at(name, values.get("consent"), "'consent' must not be empty; leave the key out to show the"
          + " series-wide consent text"));
    }
    if (!problems.isEmpty()) {
      return new Loaded(expectedId, file, null, List.copyOf(problems));
    }
    return new Loaded(id, file, new MailingList(id, listName, description == null ? "" : description, doubleOptIn,
        signUpForm, consent), List.of());
  }

  private static String text(String file, Map<String, Node> values, String key, Node root, boolean required,
      int maxLength, List<Problem> problems) {
    Node node = values.get(key);
    if (node == null) {
      if (required) {
        problems.add(at(file, root, "missing required key '" + key + "'"));
      }
      return null;
    }
    if (!(node instanceof ScalarNode scalar)) {
      problems.add(at(file, node, "'" + key + "' must be a single value, not a list or mapping"));
      return null;
    }
    // `key:` and `key: ~` are YAML's null: no text, not the characters "~" or "null".
    String value = Tag.NULL.equals(scalar.getTag()) ? "" : scalar.getValue().strip();
    if (value.isEmpty() && required) {
      problems.add(at(file, node, "'" + key + "' must not be empty"));
      return null;
    }
    if (value.length() > maxLength) {
      problems.add(at(file, node, "'" + key + "' is longer than " + maxLength + " characters"));
      return null;
    }
    if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
      problems.add(at(file, node, "'" + key + "' holds a control character"));
      return null;
    }
    return value;
  }

  private static boolean flag(String file, Map<String, Node> values, String key, boolean fallback,
      List<Problem> problems) {
    Node node = values.get(key);
    if (node == null) {
      return fallback;
    }
    String value = node instanceof ScalarNode scalar ? scalar.getValue().strip() : null;
    if ("true".equals(value) || "false".equals(value)) {
      return Boolean.parseBoolean(value);
    }
    problems.add(at(file, node, "'" + key + "' must be true or false"));
    return fallback;
  }

  private static Problem at(String file, Node node, String message) {
    return new Problem(file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1, message);
  }

  private static Loaded failed(String id, Path file, Problem problem) {
    return new Loaded(id, file, null, List.of(problem));
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    // Safe loading with small limits: a list file is flat, so any alias or nesting is a mistake.
    options.setMaxAliasesForCollections(5);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(10);
    options.setCodePointLimit(MAX_FILE_BYTES);
    options.setAllowDuplicateKeys(true); // duplicates are reported by us, with their place
    return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options);
  }
}
