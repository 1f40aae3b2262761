package org.dripline.campaign;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dripline.segment.Rule;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one newsletter issue ({@code newsletters/<id>.yaml}) into a {@link Campaign} with a
 * {@link Broadcast}: the same record drips use, so validate, preview, render, tracking, the ledger
 * and reports work unchanged. Its steps are its variants (one step {@code issue}, or the A/B
 * variants' ids), all at offset zero. Structural problems only; what needs the outside world (do the
 * lists exist, is send_at still ahead, does the A/B window end before the next issue) is
 * {@link NewsletterChecks}.
 */
public final class NewsletterLoader {

  /** The step id of an issue without A/B. */
  public static final String ISSUE_STEP = "issue";

  private static final Set<String> TOP_KEYS = new LinkedHashSet<>(List.of("id", "name", "from", "reply_to",
      "postal_address", "language", "layout", "links", "lists", "segment", "subject", "preheader", "template",
      "send_at", "timezone", "archive", "late_joiners", "ab"));
  private static final Set<String> FROM_KEYS = new LinkedHashSet<>(List.of("name", "address"));
  private static final Set<String> AB_KEYS = new LinkedHashSet<>(List.of("test_percent", "window", "metric", "seed",
      "variants"));
  private static final Set<String> VARIANT_KEYS = new LinkedHashSet<>(List.of("id", "subject", "preheader", "template"));

  public Campaign load(Path file) {
    String name = file.toString();
    byte[] bytes;
    try {
      if (Files.size(file) > CampaignLoader.MAX_FILE_BYTES) {
        throw CampaignLoader.invalid(name, "file is larger than 128 KiB; a newsletter issue should be a few KB");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw CampaignLoader.invalid(name, "cannot read file: " + e.getMessage());
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw CampaignLoader.invalid(name, "file is not valid UTF-8");
    }
    return parse(name, CampaignFiles.idOf(file), text, Hashes.sha256(bytes));
  }

  Campaign parse(String file, String expectedId, String text, String versionHash) {
    Node root = CampaignLoader.compose(file, text);
    List<Problem> problems = new ArrayList<>();
    YamlMap top = YamlMap.of(file, "", root, TOP_KEYS, problems).orElseThrow(() -> new InvalidCampaignException(problems));

    String id = top.required("id");
    if (id != null && !CampaignLoader.ID.matcher(id).matches()) {
      top.problemAt("id", "id '" + id + "' must be lower-case letters, digits and '-' (at most 100)");
    } else if (id != null && expectedId != null && !id.equals(expectedId)) {
      top.problemAt("id", "id '" + id + "' must match the file name '" + Path.of(file).getFileName() + "'");
    }
    String name = top.required("name");
    Sender from = top.node("from").flatMap(n -> YamlMap.of(file, "from", n, FROM_KEYS, problems))
        .map(map -> new Sender(map.optional("name", null), CampaignLoader.email(map, "address", true)))
        .orElse(null);
    if (!top.has("from")) {
      top.required("from");
    }
    String replyTo = CampaignLoader.email(top, "reply_to", false);
    String postalAddress = top.required("postal_address");
    String language = top.optional("language", "en");
    if (language != null && !CampaignLoader.LANGUAGE.matcher(language).matches()) {
      top.problemAt("language", "language '" + language + "' must be a language tag such as en or pt-BR");
    }
    String layout = top.optional("layout", "default");
    if (layout != null && !CampaignLoader.TEMPLATE.matcher(layout).matches()) {
      top.problemAt("layout", "layout '" + layout + "' must be a template name such as default");
    }
    AudienceParser rules = new AudienceParser(file, problems);
    Rule segment = top.node("segment").map(rules::parse).orElse(Rule.EVERYONE);
    if (!rules.stepReferences().isEmpty()) {
      top.problemAt("segment", "a newsletter's segment cannot refer to its own steps; name a campaign's step"
          + " (campaign: ID) or leave it out");
    }
    java.util.Map<String, String> links = top.node("links").map(n -> LinksParser.parse(file, n, problems))
        .orElse(java.util.Map.of());
    List<String> lists = lists(top);
    ZoneId zone = zone(top);
    Broadcast.SendAt sendAt = sendAt(top, zone);
    boolean archive = flag(top, "archive");
    boolean lateJoiners = flag(top, "late_joiners");

    String template = top.optional("template", null);
    checkTemplate(top, "template", template);
    String subject = top.optional("subject", null);
    checkSubject(top, "subject", subject);
    String preheader = top.optional("preheader", "");
    Broadcast.AbTest abTest = null;
    List<Step> steps = new ArrayList<>();
    if (top.has("ab")) {
      YamlMap ab = top.node("ab").flatMap(n -> YamlMap.of(file, "ab", n, AB_KEYS, problems)).orElse(null);
      if (ab != null) {
        abTest = abTest(ab);
        variants(file, ab, template, subject, preheader, top, steps, problems);
      }
    } else {
      if (template == null && !top.has("template")) {
        top.required("template");
      }
      if (subject == null && !top.has("subject")) {
        top.required("subject");
      }
      steps.add(new Step(ISSUE_STEP, Duration.ZERO, template, subject, preheader, null, top.locationOf("template"),
          top.locationOf("subject")));
    }

    if (!problems.isEmpty()) {
      throw new InvalidCampaignException(problems);
    }
    Broadcast broadcast = new Broadcast(lists, sendAt, archive, lateJoiners, abTest);
    return new Campaign(id, name, from, replyTo, postalAddress, language, layout, segment,
        new Schedule(zone, null, null), steps, top.locationOf("layout"), file, text, versionHash, Changes.NONE,
        Lifecycle.DEFAULT, links, broadcast);
  }

  private static List<String> lists(YamlMap top) {
    List<String> lists = new ArrayList<>();
    if (!top.has("lists")) {
      top.required("lists");
      return lists;
    }
    List<Node> items = top.sequence("lists").orElse(List.of());
    if (items.isEmpty() && top.sequence("lists").isPresent()) {
      top.problemAt("lists", "a newsletter issue needs at least one list");
    }
    for (Node item : items) {
      String list = item instanceof ScalarNode s ? s.getValue().strip() : "";
      if (!CampaignLoader.ID.matcher(list).matches()) {
        top.problemAt("lists", "list id '" + list + "' must be lower-case letters, digits and '-'");
      } else if (lists.contains(list)) {
        top.problemAt("lists", "list '" + list + "' is named twice");
      } else {
        lists.add(list);
      }
    }
    return lists;
  }

  private static ZoneId zone(YamlMap top) {
    String zoneName = top.optional("timezone", null);
    if (zoneName == null) {
      return ZoneId.of("UTC");
    }
    if (ZoneId.getAvailableZoneIds().contains(zoneName)) {
      return ZoneId.of(zoneName);
    }
    top.problemAt("timezone", "unknown timezone '" + zoneName + "' (use an IANA name such as Europe/Berlin)");
    return ZoneId.of("UTC");
  }

  /** An instant with offset (2030-01-10T09:00:00Z), or a local date-time sent at that time in each reader's zone. */
  private static Broadcast.SendAt sendAt(YamlMap top, ZoneId zone) {
    String raw = top.required("send_at");
    if (raw == null) {
      return new Broadcast.SendAt(Instant.EPOCH, null, zone);
    }
    try {
      return new Broadcast.SendAt(OffsetDateTime.parse(raw).toInstant(), null, zone);
    } catch (DateTimeParseException notAnInstant) {
      try {
        return new Broadcast.SendAt(null, LocalDateTime.parse(raw), zone);
      } catch (DateTimeParseException e) {
        top.problemAt("send_at", "send_at '" + raw + "' must be an instant such as 2030-01-10T09:00:00Z (or with an"
            + " offset, +01:00), or a local time such as 2030-01-10T09:00 sent at that time in each reader's"
            + " timezone");
        return new Broadcast.SendAt(Instant.EPOCH, null, zone);
      }
    }
  }

  private static boolean flag(YamlMap map, String key) {
    String raw = map.optional(key, "false");
    if (raw == null) {
      return false;
    }
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "true", "yes" -> true;
      case "false", "no" -> false;
      default -> {
        map.problemAt(key, "'" + map.qualified(key) + "' must be true or false, not '" + raw + "'");
        yield false;
      }
    };
  }

  private static Broadcast.AbTest abTest(YamlMap ab) {
    int percent = 20;
    String rawPercent = ab.optional("test_percent", "20");
    try {
      percent = Integer.parseInt(rawPercent == null ? "20" : rawPercent);
      if (percent < 1 || percent > 50) {
        ab.problemAt("test_percent", "ab.test_percent must be 1 to 50 (the share of the audience in the test)");
      }
    } catch (NumberFormatException e) {
      ab.problemAt("test_percent", "ab.test_percent '" + rawPercent + "' must be a whole number from 1 to 50");
    }
    Duration window = Duration.ofHours(4);
    String rawWindow = ab.optional("window", "PT4H");
    try {
      window = Duration.parse(rawWindow == null ? "PT4H" : rawWindow);
      if (window.isNegative() || window.isZero()) {
        ab.problemAt("window", "ab.window must be positive, e.g. PT4H");
      }
    } catch (DateTimeParseException e) {
      ab.problemAt("window", "ab.window '" + rawWindow + "' is not an ISO-8601 duration such as PT4H");
    }
    Broadcast.AbTest.Metric metric = Broadcast.AbTest.Metric.OPENS;
    String rawMetric = ab.optional("metric", "opens");
    if (rawMetric != null) {
      switch (rawMetric.toLowerCase(Locale.ROOT)) {
        case "opens" -> metric = Broadcast.AbTest.Metric.OPENS;
        case "clicks" -> metric = Broadcast.AbTest.Metric.CLICKS;
        default -> ab.problemAt("metric", "ab.metric must be opens or clicks, not '" + rawMetric + "'");
      }
    }
    long seed = 1;
    String rawSeed = ab.optional("seed", "1");
    try {
      seed = Long.parseLong(rawSeed == null ? "1" : rawSeed);
    } catch (NumberFormatException e) {
      ab.problemAt("seed", "ab.seed '" + rawSeed + "' must be a whole number");
    }
    return new Broadcast.AbTest(percent, window, metric, seed);
  }

  private static void variants(String file, YamlMap ab, String template, String subject, String preheader,
      YamlMap top, List<Step> steps, List<Problem> problems) {
    List<Node> nodes = ab.sequence("variants").orElse(null);
    if (nodes == null) {
      if (!ab.has("variants")) {
        ab.required("variants");
      }
      return;
    }
    if (nodes.size() < 2 || nodes.size() > 4) {
      ab.problemAt("variants", "an A/B test has 2 to 4 variants, not " + nodes.size());
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < nodes.size(); i++) {
      YamlMap map = YamlMap.of(file, "ab.variants[" + i + "]", nodes.get(i), VARIANT_KEYS, problems).orElse(null);
      if (map == null) {
        continue;
      }
      String id = map.required("id");
      if (id != null && !CampaignLoader.ID.matcher(id).matches()) {
        map.problemAt("id", "variant id '" + id + "' must be lower-case letters, digits and '-'");
      } else if (id != null && !seen.add(id)) {
        map.problemAt("id", "duplicate variant id '" + id + "'");
      }
      String variantSubject = map.has("subject") ? map.optional("subject", null) : null;
      if (!map.has("subject")) {
        problems.add(map.location().problem("variant '" + id + "' has no subject: each A/B variant needs its own"
            + " subject (that is what is tested)"));
      }
      checkSubject(map, "subject", variantSubject);
      String variantTemplate = map.optional("template", template);
      checkTemplate(map, "template", variantTemplate);
      if (variantTemplate == null && !map.has("template")) {
        problems.add(map.location().problem("variant '" + id + "' has no template and the issue names none"));
      }
      steps.add(new Step(id, Duration.ZERO, variantTemplate, variantSubject, map.optional("preheader", preheader),
          null, map.has("template") ? map.locationOf("template") : top.locationOf("template"),
          map.locationOf("subject")));
    }
  }

  private static void checkTemplate(YamlMap map, String key, String template) {
    if (template != null && !CampaignLoader.TEMPLATE.matcher(template).matches()) {
      map.problemAt(key, "template '" + template
          + "' must be a relative name such as newsletters/stories-weekly/issue (no '..', no extension)");
    }
  }

  private static void checkSubject(YamlMap map, String key, String subject) {
    if (subject != null && subject.length() > 200) {
      map.problemAt(key, "subject is " + subject.length() + " characters; keep it under 200 (ideally 60)");
    }
  }
}
