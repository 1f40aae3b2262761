package org.dripline.campaign;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The campaign's {@code links:} mapping, the pages a series points readers at, so a URL is written
 * once and templates say {@code ${links.post}}. Names are free (not a fixed key set, hence not
 * {@link YamlMap}); each value must be an absolute https URL, since a reader's click on a plain
 * http link can be read or changed on the way.
 */
final class LinksParser {

  /** snake_case like every other key; camelCase is left to the engine's own links (webView). */
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
  /** The per-message links every template already has under {@code links}. */
  static final Set<String> RESERVED = Set.of("unsubscribe", "preferences", "web_view", "webview");
  /** The tracking table keeps URLs up to 2000 characters; longer ones would go out untracked. */
  static final int MAX_URL = 2000;
  static final int MAX_LINKS = 100;

  private LinksParser() {
  }

  static Map<String, String> parse(String file, Node node, List<Problem> problems) {
    if (!(node instanceof MappingNode mapping)) {
      problems.add(YamlMap.problem(file, node, "links: must be a mapping of names to URLs, e.g. post: https://example.org/post"));
      return Map.of();
    }
    if (mapping.getValue().size() > MAX_LINKS) {
      problems.add(YamlMap.problem(file, node, "links: " + mapping.getValue().size() + " links; at most " + MAX_LINKS));
      return Map.of();
    }
    Map<String, String> links = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      String name = keyNode instanceof ScalarNode scalar ? scalar.getValue() : null;
      if (name == null || !NAME.matcher(name).matches()) {
        problems.add(YamlMap.problem(file, keyNode, "link name " + (name == null ? "" : "'" + name + "' ")
            + "must be lower-case letters, digits and '_', starting with a letter (e.g. post, community)"));
        continue;
      }
      if (RESERVED.contains(name)) {
        problems.add(YamlMap.problem(file, keyNode, "link name '" + name + "' is reserved: every message already has"
            + " links.unsubscribe, links.preferences and links.webView"));
        continue;
      }
      if (links.containsKey(name)) {
        problems.add(YamlMap.problem(file, keyNode, "duplicate link '" + name + "'"));
        continue;
      }
      Node value = tuple.getValueNode();
      if (!(value instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
        problems.add(YamlMap.problem(file, value, "'links." + name + "' must be one URL"));
        continue;
      }
      String problem = httpsProblem(scalar.getValue().strip());
      if (problem != null) {
        problems.add(YamlMap.problem(file, value, "'links." + name + "' " + problem));
        continue;
      }
      links.put(name, scalar.getValue().strip());
    }
    return java.util.Collections.unmodifiableMap(links);
  }

  /** Null when {@code url} is an absolute https URL with a host; otherwise what is wrong, for the marketer. */
  static String httpsProblem(String url) {
    String shown = url.length() > 80 ? url.substring(0, 80) + "..." : url;
    if (url.length() > MAX_URL) {
      return "is " + url.length() + " characters; keep a link under " + MAX_URL;
    }
    if (url.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\' || c == 0x7f)) {
      return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "' contains spaces, quotes or control characters";
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "'" + shown + "' is not a URL: " + e.getReason();
    }
    if (!"https".equalsIgnoreCase(uri.getScheme())) {
      return "'" + shown + "' must be an absolute https URL such as https://example.org/page";
    }
    if (uri.getHost() == null || !uri.getHost().contains(".")) {
      return "'" + shown + "' needs a host name such as example.org";
    }
    if (uri.getRawUserInfo() != null) {
      return "'" + shown + "' must not carry a user name or password";
    }
    return null;
  }
}
