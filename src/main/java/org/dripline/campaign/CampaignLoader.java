package org.dripline.campaign;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.dripline.segment.Rule;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads one campaign file into a {@link Campaign}, or throws {@link InvalidCampaignException}
 * listing every structural problem with file:line:column. Templates are checked separately
 * (render feature) because they need the template engine.
 */
public final class CampaignLoader {

  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
  static final Pattern TEMPLATE = Pattern.compile("[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*");
  static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");
  // No control or separator characters (a YAML "\0" or U+2028 would otherwise reach the From header).
  private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\",;\\p{Cc}\\p{Z}]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  private static final Set<String> TOP_KEYS = new LinkedHashSet<>(List.of("id", "name", "from", "reply_to",
      "postal_address", "language", "layout", "audience", "schedule", "links", "steps", "changes", "on_resume",
      "reenroll", "exit_when"));
  private static final Set<String> FROM_KEYS = new LinkedHashSet<>(List.of("name", "address"));
  private static final Set<String> STEP_KEYS = new LinkedHashSet<>(List.of("id", "offset", "template",
      "subject", "preheader", "when"));
  private static final Set<String> SCHEDULE_KEYS = new LinkedHashSet<>(List.of("timezone", "send_window", "run_every"));
  private static final Set<String> WINDOW_KEYS = new LinkedHashSet<>(List.of("days", "from", "to"));
  // SnakeYAML slows down more than linearly on long scalars (about 1 s for 400 KB on a cold JVM):
  // 128 KiB keeps the worst case near 100 ms and is still 40 times the shipped campaign.
  static final int MAX_FILE_BYTES = 128 * 1024;

  public Campaign load(Path file) {
    String name = file.toString();
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw invalid(name, "file is larger than 128 KiB; a campaign definition should be a few KB");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw invalid(name, "cannot read file: " + e.getMessage());
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw invalid(name, "file is not valid UTF-8");
    }
    String expectedId = CampaignFiles.idOf(file);
    return parse(name, expectedId, text, Hashes.sha256(bytes));
  }

  Campaign parse(String file, String expectedId, String text, String versionHash) {
    Node root = compose(file, text);
    List<Problem> problems = new ArrayList<>();
    YamlMap top = YamlMap.of(file, "", root, TOP_KEYS, problems).orElseThrow(() -> new InvalidCampaignException(problems));

    String id = top.required("id");
    if (id != null && !ID.matcher(id).matches()) {
      top.problemAt("id", "id '" + id + "' must be lower-case letters, digits and '-' (at most 100)");
    } else if (id != null && expectedId != null && !id.equals(expectedId)) {
      top.problemAt("id", "id '" + id + "' must match the file name '" + Path.of(file).getFileName() + "'");
    }
    String name = top.required("name");
    Sender from = top.node("from").flatMap(n -> YamlMap.of(file, "from", n, FROM_KEYS, problems))
        .map(map -> new Sender(map.optional("name", null), email(map, "address", true)))
        .orElse(null);
    if (!top.has("from")) {
      top.required("from");
    }
    String replyTo = email(top, "reply_to", false);
    String postalAddress = top.required("postal_address");
    String language = top.optional("language", "en");
    if (language != null && !LANGUAGE.matcher(language).matches()) {
      top.problemAt("language", "language '" + language + "' must be a language tag such as en or pt-BR");
    }
    String layout = top.optional("layout", "default");
    if (layout != null && !TEMPLATE.matcher(layout).matches()) {
      top.problemAt("layout", "layout '" + layout + "' must be a template name such as default");
    }
    AudienceParser rules = new AudienceParser(file, problems);
    Rule audience = top.node("audience").map(rules::parse).orElse(Rule.EVERYONE);
    Schedule schedule = top.node("schedule").map(n -> schedule(file, n, problems)).orElse(Schedule.ANY_TIME);
    java.util.Map<String, String> links = top.node("links").map(n -> LinksParser.parse(file, n, problems))
        .orElse(java.util.Map.of());
    List<Step> steps = steps(file, top, rules, problems);
    Changes changes = ChangesParser.changes(top, steps, problems, file);
    Lifecycle lifecycle = ChangesParser.lifecycle(top, rules);
    checkStepReferences(rules, steps, problems);

    if (!problems.isEmpty()) {
      throw new InvalidCampaignException(problems);
    }
    return new Campaign(id, name, from, replyTo, postalAddress, language, layout, audience, schedule, steps,
        top.locationOf("layout"), file, text, versionHash, changes, lifecycle, links);
  }

  /** Engagement rules may only look back: at an earlier step of this campaign. */
  private static void checkStepReferences(AudienceParser rules, List<Step> steps, List<Problem> problems) {
    List<String> ids = steps.stream().map(Step::id).toList();
    for (AudienceParser.StepReference reference : rules.stepReferences()) {
      if (reference.campaignId() != null) {
        continue;
      }
      if (!ids.contains(reference.stepId())) {
        problems.add(reference.location().problem("unknown step '" + reference.stepId() + "'; steps are "
            + String.join(", ", ids)));
      }
    }
  }

  private static Schedule schedule(String file, Node node, List<Problem> problems) {
    YamlMap map = YamlMap.of(file, "schedule", node, SCHEDULE_KEYS, problems).orElse(null);
    if (map == null) {
      return Schedule.ANY_TIME;
    }
    java.time.ZoneId zone = java.time.ZoneId.of("UTC");
    String zoneName = map.optional("timezone", null);
    if (zoneName != null) {
      if (java.time.ZoneId.getAvailableZoneIds().contains(zoneName)) {
        zone = java.time.ZoneId.of(zoneName);
      } else {
        map.problemAt("timezone", "unknown timezone '" + zoneName + "' (use an IANA name such as Europe/Berlin)");
      }
    }
    Schedule.Window window = map.node("send_window").flatMap(n -> YamlMap.of(file, "schedule.send_window", n,
        WINDOW_KEYS, problems)).map(w -> window(w)).orElse(null);
    java.time.Duration runEvery = null;
    String every = map.optional("run_every", null);
    if (every != null) {
      try {
        runEvery = java.time.Duration.parse(every);
        if (runEvery.compareTo(Schedule.MIN_RUN_EVERY) < 0) {
          map.problemAt("run_every", "run_every must be at least " + Schedule.MIN_RUN_EVERY + " (one minute)");
          runEvery = null;
        }
      } catch (java.time.format.DateTimeParseException e) {
        map.problemAt("run_every", "run_every '" + every + "' is not an ISO-8601 duration such as PT1H (hourly)"
            + " or PT15M");
      }
    }
    return new Schedule(zone, window, runEvery);
  }

  private static Schedule.Window window(YamlMap map) {
    java.util.Set<java.time.DayOfWeek> days = java.util.EnumSet.noneOf(java.time.DayOfWeek.class);
    map.sequence("days").ifPresent(items -> items.forEach(item -> {
      String day = item instanceof org.yaml.snakeyaml.nodes.ScalarNode s ? s.getValue().strip().toUpperCase() : "";
      java.time.DayOfWeek match = java.util.Arrays.stream(java.time.DayOfWeek.values())
          .filter(d -> d.name().startsWith(day) && day.length() >= 3).findFirst().orElse(null);
      if (match == null) {
        map.problemAt("days", "day '" + day + "' must be one of MON, TUE, WED, THU, FRI, SAT, SUN");
      } else {
        days.add(match);
      }
    }));
    if (!map.has("days")) {
      days.addAll(java.util.EnumSet.allOf(java.time.DayOfWeek.class));
    }
    java.time.LocalTime from = time(map, "from", java.time.LocalTime.MIN);
    java.time.LocalTime to = time(map, "to", null);
    if (to == null && !map.has("to")) {
      map.problemAt("from", "send_window needs 'to' (end of the window, e.g. \"09:00\")");
    }
    if (from != null && to != null && !from.isBefore(to)) {
      map.problemAt("to", "send_window 'to' must be after 'from' on the same day");
    }
    return new Schedule.Window(java.util.Set.copyOf(days), from == null ? java.time.LocalTime.MIN : from,
        to == null ? java.time.LocalTime.MAX : to);
  }

  private static java.time.LocalTime time(YamlMap map, String key, java.time.LocalTime fallback) {
    String raw = map.optional(key, null);
    if (raw == null) {
      return fallback;
    }
    try {
      return java.time.LocalTime.parse(raw.length() == 4 ? "0" + raw : raw);
    } catch (DateTimeParseException e) {
      map.problemAt(key, key + " '" + raw + "' must be a time such as \"07:00\" (quote it)");
      return fallback;
    }
  }

  private List<Step> steps(String file, YamlMap top, AudienceParser rules, List<Problem> problems) {
    List<Node> nodes = top.sequence("steps").orElse(null);
    if (nodes == null) {
      if (!top.has("steps")) {
        top.required("steps");
      }
      return List.of();
    }
    if (nodes.isEmpty()) {
      top.problemAt("steps", "a campaign needs at least one step");
    }
    List<Step> steps = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Duration previous = Duration.ZERO;
    for (int i = 0; i < nodes.size(); i++) {
      YamlMap map = YamlMap.of(file, "steps[" + i + "]", nodes.get(i), STEP_KEYS, problems).orElse(null);
      if (map == null) {
        continue;
      }
      String id = map.required("id");
      if (id != null && !ID.matcher(id).matches()) {
        map.problemAt("id", "step id '" + id + "' must be lower-case letters, digits and '-'");
      } else if (id != null && !seen.add(id)) {
        map.problemAt("id", "duplicate step id '" + id + "'");
      }
      Duration offset = offset(map);
      if (offset != null && offset.compareTo(previous) < 0) {
        map.problemAt("offset", "offset " + offset + " comes before the previous step's " + previous
            + "; steps are sent in the order they are listed");
      }
      previous = offset == null ? previous : offset;
      String template = map.required("template");
      if (template != null && !TEMPLATE.matcher(template).matches()) {
        map.problemAt("template", "template '" + template
            + "' must be a relative name such as working-mom-guilt/welcome (no '..', no extension)");
      }
      String subject = map.required("subject");
      if (subject != null && subject.length() > 200) {
        map.problemAt("subject", "subject is " + subject.length() + " characters; keep it under 200 (ideally 60)");
      }
      Rule when = map.node("when").map(rules::condition).orElse(null);
      steps.add(new Step(id, offset, template, subject, map.optional("preheader", ""), when,
          map.locationOf("template"), map.locationOf("subject")));
    }
    return steps;
  }

  private static Duration offset(YamlMap map) {
    String raw = map.required("offset");
    if (raw == null) {
      return null;
    }
    try {
      Duration offset = Duration.parse(raw);
      if (offset.isNegative()) {
        map.problemAt("offset", "offset '" + raw + "' must not be negative");
        return null;
      }
      return offset;
    } catch (DateTimeParseException e) {
      map.problemAt("offset", "offset '" + raw + "' is not an ISO-8601 duration such as P0D, P7D or PT12H"
          + " (months and years are not fixed lengths: use days)");
      return null;
    }
  }

  static String email(YamlMap map, String key, boolean required) {
    String value = required ? map.required(key) : map.optional(key, null);
    if (value != null && (!EMAIL.matcher(value).matches() || value.length() > 320)) {
      map.problemAt(key, "'" + map.qualified(key) + "' is not an email address: '" + value + "'");
      return null;
    }
    return value;
  }

  static Node compose(String file, String text) {
    LoaderOptions options = new LoaderOptions();
    // Safe loading with alias and size limits: a hostile file cannot expand into a billion laughs.
    options.setMaxAliasesForCollections(20);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(40);
    options.setCodePointLimit(MAX_FILE_BYTES);
    options.setAllowDuplicateKeys(false);
    Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options);
    try {
      Node root = yaml.compose(new StringReader(text));
      if (root == null) {
        throw invalid(file, "file is empty");
      }
      return root;
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String message = "not valid YAML: " + e.getProblem();
      throw new InvalidCampaignException(List.of(mark == null ? new Problem(file, 0, 0, message)
          : new Problem(file, mark.getLine() + 1, mark.getColumn() + 1, message)));
    } catch (YAMLException e) {
      throw invalid(file, "not valid YAML: " + e.getMessage());
    }
  }

  static InvalidCampaignException invalid(String file, String message) {
    return new InvalidCampaignException(List.of(new Problem(file, 0, 0, message)));
  }
}
