package org.dripline.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.dripline.segment.Rule.Attribute.Operator;
import org.dripline.subscriber.importing.AttributeValues;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Segment rules against a real database: random rule trees over random subscribers must select
 * exactly what an independent in-memory evaluation selects, and hostile values match literally.
 * {@link SegmentRulesIntegrationTests} runs these on H2 (in the context shared by the tests that send
 * nothing, see {@link TestEnvironment#SHARED_H2}), {@link SegmentRulesMySqlIntegrationTests} over
 * Connector/J against MariaDB.
 */
@SpringBootTest(properties = {TestEnvironment.NO_SMTP, TestEnvironment.SHARED_H2})
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
abstract class SegmentRuleScenarios {

  static final Instant AS_OF = Instant.parse("2026-12-01T08:00:00Z");
  static final List<String> TAGS = List.of("working-mom", "newsletter", "returning-from-leave", "vip", "O'Brien");
  static final List<String> TEXTS = List.of("pro", "free", "Pro", "team plan", "x' OR '1'='1", "'; drop table subscribers; --",
      "a UNION SELECT email FROM subscribers", "50%_off!", "/* c */", "back\\slash", "Zoë", "");
  static final List<String> ZONES = List.of("Europe/Berlin", "Pacific/Auckland", "America/Los_Angeles", "");
  static final int SUBSCRIBERS = 2000;

  @Autowired
  SubscriberImporter importer;
  @Autowired
  NamedParameterJdbcTemplate jdbc;

  /** The test's own picture of every subscriber, built independently of the SQL. */
  record Person(long id, Set<String> tags, Map<String, String> attributes, String timezone, LocalDateTime createdAt) {
  }

  final Map<Long, Person> people = new HashMap<>();

  @BeforeAll
  void subscribers() throws Exception {
    // on H2 the database is shared with other classes: start from no subscribers
    TestEnvironment.emptyTables(jdbc.getJdbcOperations());
    Random random = new Random(42);
    Path csv = Files.createTempFile("segment", ".csv");
    StringBuilder rows = new StringBuilder("email,timezone,tags,kids,plan,since,country\n");
    for (int i = 0; i < SUBSCRIBERS; i++) {
      Set<String> tags = new TreeSet<>();
      TAGS.stream().filter(t -> !t.contains("'") && random.nextInt(3) == 0).forEach(tags::add);
      String kids = random.nextInt(5) == 0 ? "" : random.nextInt(4) == 0 ? "2.5" : String.valueOf(random.nextInt(5));
      String plan = TEXTS.get(random.nextInt(TEXTS.size()));
      String since = random.nextInt(4) == 0 ? "" : LocalDate.of(2025, 1, 1).plusDays(random.nextInt(700)).toString();
      String country = List.of("DE", "FR", "NZ", "US", "").get(random.nextInt(5));
      rows.append("p").append(i).append("@example.org,").append(ZONES.get(random.nextInt(ZONES.size()))).append(',')
          .append(String.join(";", tags)).append(',').append(kids).append(',').append(csvField(plan)).append(',')
          .append(since).append(',').append(country).append('\n');
    }
    Files.writeString(csv, rows);
    assertThat(importer.importFile(csv, "test").imported()).isEqualTo(SUBSCRIBERS);

    jdbc.query("select id, timezone from subscribers", rs -> {
      long id = rs.getLong(1);
      LocalDateTime created = LocalDateTime.of(2025, 6, 1, 0, 0).plusHours(random.nextInt(24 * 600));
      jdbc.update("update subscribers set created_at = :created where id = :id", Map.of("created", created, "id", id));
      people.put(id, new Person(id, new HashSet<>(), new HashMap<>(), rs.getString(2), created));
    });
    jdbc.query("select subscriber_id, tag from subscriber_tags", rs -> {
      people.get(rs.getLong(1)).tags().add(rs.getString(2));
    });
    jdbc.query("select subscriber_id, name, attr_value from subscriber_attributes", rs -> {
      people.get(rs.getLong(1)).attributes().put(rs.getString(2), rs.getString(3));
    });
  }

  @Test
  void randomRuleTreesSelectExactlyWhatAnInMemoryEvaluationSelects() {
    Random random = new Random(7);
    for (int i = 0; i < 300; i++) {
      // given a random rule tree
      Rule rule = randomRule(random, 0);

      // when it is compiled and run, and evaluated in memory
      Set<Long> selected = select(rule);
      Set<Long> expected = new HashSet<>();
      people.values().stream().filter(p -> matches(rule, p)).forEach(p -> expected.add(p.id()));

      // then both agree, subscriber for subscriber
      assertThat(selected).as("rule %d: %s", i, rule).isEqualTo(expected);
    }
  }

  @Test
  void hostileValuesMatchLiterallyAndChangeNoQuery() {
    for (String hostile : List.of("x' OR '1'='1", "'; drop table subscribers; --", "a UNION SELECT email FROM subscribers")) {
      // given a rule whose value is crafted as SQL
      Rule rule = new Rule.Attribute("plan", Operator.EQ, List.of(Rule.Value.text(hostile)));

      // when compiled and run
      AudienceSql.Condition condition = AudienceSql.compile(rule, "p", AS_OF);
      Set<Long> selected = select(rule);

      // then the SQL text never contains the value, and only the subscribers with exactly that value match
      assertThat(condition.sql()).doesNotContain(hostile).doesNotContain("'1'='1");
      assertThat(selected).isNotEmpty().allSatisfy(id -> assertThat(people.get(id).attributes().get("plan")).isEqualTo(hostile));
    }
    Rule likeWildcards = new Rule.Attribute("plan", Operator.CONTAINS, List.of(Rule.Value.text("%_")));
    assertThat(select(likeWildcards)).allSatisfy(id -> assertThat(people.get(id).attributes().get("plan")).contains("%_"));
    assertThat(jdbc.queryForObject("select count(*) from subscribers", Map.of(), Long.class)).isEqualTo(SUBSCRIBERS);
  }

  @Test
  void comparesNumbersAndDatesAsSuchAndTextExactly() {
    // given kids stored as text ("2.5", "10" would sort before "2" as text)
    Rule moreThanTwo = new Rule.Attribute("kids", Operator.GT, List.of(Rule.Value.number(new BigDecimal("2"))));
    Rule since2026 = new Rule.Attribute("since", Operator.GTE, List.of(Rule.Value.date(LocalDate.of(2026, 1, 1))));
    Rule exactlyPro = new Rule.Attribute("plan", Operator.EQ, List.of(Rule.Value.text("pro")));

    // then numeric, date and case-sensitive text comparisons hold for every selected subscriber
    assertThat(select(moreThanTwo)).isNotEmpty().allSatisfy(id ->
        assertThat(new BigDecimal(people.get(id).attributes().get("kids"))).isGreaterThan(new BigDecimal("2")));
    assertThat(select(since2026)).isNotEmpty().allSatisfy(id ->
        assertThat(LocalDate.parse(people.get(id).attributes().get("since"))).isAfterOrEqualTo(LocalDate.of(2026, 1, 1)));
    assertThat(select(exactlyPro)).isNotEmpty().allSatisfy(id ->
        assertThat(people.get(id).attributes().get("plan")).isEqualTo("pro"));
  }

  @Test
  void engagementRulesCountOnlyHumanEventsOfTheNamedStepAndLink() {
    // given sent deliveries for 300 subscribers with random human and machine opens and clicks
    Random random = new Random(11);
    String burnout = "https://example.com/burnout";
    jdbc.update("insert into links (campaign_id, step_id, url, url_hash, created_at) values ('working-mom-guilt',"
        + " 'week-2', :url, 'h1', current_timestamp)", Map.of("url", burnout));
    long linkId = jdbc.queryForObject("select id from links where url_hash = 'h1'", Map.of(), Long.class);
    Map<Long, List<String>> history = new HashMap<>();  // per subscriber, in send order: "step:events"
    List<Long> ids = people.keySet().stream().sorted().limit(300).toList();
    for (String step : List.of("welcome", "week-1", "week-2")) {
      for (long id : ids) {
        jdbc.update("insert into deliveries (campaign_id, step_id, subscriber_id, due_at, status, attempts, planned_at)"
            + " values ('working-mom-guilt', :step, :id, current_timestamp, 'SENT', 1, current_timestamp)",
            Map.of("step", step, "id", id));
        long delivery = jdbc.queryForObject("select id from deliveries where step_id = :step and subscriber_id = :id",
            Map.of("step", step, "id", id), Long.class);
        StringBuilder events = new StringBuilder();
        for (String[] event : List.of(new String[] {"OPEN", "human"}, new String[] {"OPEN", "machine"},
            new String[] {"CLICK", "human"}, new String[] {"CLICK", "machine"})) {
          if (random.nextInt(4) == 0) {
            boolean clickOnBurnout = event[0].equals("CLICK") && step.equals("week-2") && random.nextBoolean();
            jdbc.update("insert into events (delivery_id, type, occurred_at, link_id, machine, user_agent_class)"
                + " values (:d, :type, current_timestamp, :link, :machine, 'test')", new org.springframework.jdbc.core
                .namedparam.MapSqlParameterSource("d", delivery).addValue("type", event[0])
                .addValue("link", clickOnBurnout ? linkId : null, java.sql.Types.BIGINT)
                .addValue("machine", event[1].equals("machine")));
            if (event[1].equals("human")) {
              events.append(event[0]).append(clickOnBurnout ? "+burnout" : "").append(' ');
            }
          }
        }
        history.computeIfAbsent(id, k -> new ArrayList<>()).add(step + ":" + events);
      }
    }

    // when engagement rules are selected / then each matches the in-memory reading of the history
    Map<Rule, java.util.function.Predicate<List<String>>> cases = new java.util.LinkedHashMap<>();
    cases.put(new Rule.Engagement(Rule.Engagement.Kind.OPENED, null, "week-1", null),
        h -> h.get(1).contains("OPEN"));
    cases.put(new Rule.Engagement(Rule.Engagement.Kind.CLICKED, null, null, null),
        h -> h.stream().anyMatch(e -> e.contains("CLICK")));
    cases.put(new Rule.Engagement(Rule.Engagement.Kind.CLICKED, null, "week-2", burnout),
        h -> h.get(2).contains("CLICK+burnout"));
    cases.put(new Rule.Engagement(Rule.Engagement.Kind.OPENED, "another-campaign", null, null), h -> false);
    cases.put(new Rule.NotOpenedLast(2), h -> !h.get(1).contains("OPEN") && !h.get(2).contains("OPEN"));
    cases.put(new Rule.NotOpenedLast(3), h -> h.stream().noneMatch(e -> e.contains("OPEN")));
    cases.forEach((rule, expectation) -> {
      Set<Long> expected = new HashSet<>();
      for (long id : ids) {
        if (expectation.test(history.get(id))) {
          expected.add(id);
        }
      }
      Set<Long> selected = new HashSet<>(select(rule));
      if (rule instanceof Rule.NotOpenedLast) {
        selected.retainAll(ids); // subscribers never sent anything trivially opened none
      }
      assertThat(selected).as(rule.toString()).isEqualTo(expected);
    });
  }

  Set<Long> select(Rule rule) {
    AudienceSql.Condition condition = AudienceSql.compile(rule, "r", AS_OF);
    Map<String, Object> parameters = new HashMap<>(condition.parameters());
    parameters.put("campaignId", "working-mom-guilt");
    return new HashSet<>(jdbc.queryForList("select s.id from subscribers s where " + condition.sql(), parameters, Long.class));
  }

  // ---- the independent in-memory evaluation ----

  static boolean matches(Rule rule, Person person) {
    if (rule instanceof Rule.Group group) {
      return switch (group.kind()) {
        case ALL -> group.rules().stream().allMatch(r -> matches(r, person));
        case ANY -> group.rules().stream().anyMatch(r -> matches(r, person));
        case NONE -> group.rules().stream().noneMatch(r -> matches(r, person));
      };
    }
    if (rule instanceof Rule.Tag tag) {
      return person.tags().contains(tag.tag());
    }
    if (rule instanceof Rule.Timezone timezone) {
      return person.timezone() != null && timezone.zones().contains(person.timezone());
    }
    if (rule instanceof Rule.Subscribed subscribed) {
      if (subscribed.within() != null) {
        return !person.createdAt().isBefore(LocalDateTime.ofInstant(AS_OF.minus(subscribed.within()), ZoneOffset.UTC));
      }
      return subscribed.before() != null ? person.createdAt().isBefore(subscribed.before().atStartOfDay())
          : !person.createdAt().isBefore(subscribed.after().atStartOfDay());
    }
    Rule.Attribute attribute = (Rule.Attribute) rule;
    String stored = person.attributes().get(attribute.name());
    return switch (attribute.operator()) {
      case EXISTS -> stored != null;
      case MISSING -> stored == null;
      case EQ -> equal(stored, attribute.value());
      case NE -> !equal(stored, attribute.value());
      case IN -> attribute.values().stream().anyMatch(v -> equal(stored, v));
      case CONTAINS -> stored != null && stored.contains(attribute.value().text());
      case LT -> compare(stored, attribute.value()) != null && compare(stored, attribute.value()) < 0;
      case LTE -> compare(stored, attribute.value()) != null && compare(stored, attribute.value()) <= 0;
      case GT -> compare(stored, attribute.value()) != null && compare(stored, attribute.value()) > 0;
      case GTE -> compare(stored, attribute.value()) != null && compare(stored, attribute.value()) >= 0;
    };
  }

  static boolean equal(String stored, Rule.Value value) {
    if (stored == null) {
      return false;
    }
    Integer order = compare(stored, value);
    return value.type() == Rule.Value.Type.TEXT ? stored.equals(value.text()) : order != null && order == 0;
  }

  static Integer compare(String stored, Rule.Value value) {
    if (stored == null) {
      return null;
    }
    return switch (value.type()) {
      case NUMBER -> AttributeValues.number(stored) == null ? null : AttributeValues.number(stored).compareTo(value.number());
      case DATE -> AttributeValues.date(stored) == null ? null : AttributeValues.date(stored).compareTo(value.date());
      case TEXT -> stored.compareTo(value.text());
    };
  }

  // ---- random rules ----

  static Rule randomRule(Random random, int depth) {
    int kind = random.nextInt(depth >= 3 ? 5 : 7);
    return switch (kind) {
      case 0 -> new Rule.Tag(TAGS.get(random.nextInt(TAGS.size())));
      case 1, 2 -> randomAttribute(random);
      case 3 -> randomSubscribed(random);
      case 4 -> new Rule.Timezone(List.of(ZONES.get(random.nextInt(ZONES.size() - 1)), ZONES.get(random.nextInt(ZONES.size() - 1))));
      default -> {
        List<Rule> children = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          children.add(randomRule(random, depth + 1));
        }
        yield new Rule.Group(Rule.Group.Kind.values()[random.nextInt(3)], children);
      }
    };
  }

  static Rule randomAttribute(Random random) {
    Operator operator = Operator.values()[random.nextInt(Operator.values().length)];
    String name = List.of("kids", "since", "plan", "country", "missing_attribute").get(random.nextInt(5));
    return switch (operator) {
      case EXISTS, MISSING -> new Rule.Attribute(name, operator, List.of());
      case LT, LTE, GT, GTE -> new Rule.Attribute(random.nextBoolean() ? "kids" : "since", operator,
          List.of(random.nextBoolean() ? Rule.Value.number(BigDecimal.valueOf(random.nextInt(8) - 1, random.nextInt(2)))
              : Rule.Value.date(LocalDate.of(2025, 1, 1).plusDays(random.nextInt(700)))));
      case CONTAINS -> new Rule.Attribute("plan", operator, List.of(Rule.Value.text(
          List.of("ro", "'", "%", "_", "!", "UNION", "ë", "\\").get(random.nextInt(8)))));
      case IN -> new Rule.Attribute(name, operator, List.of(randomValue(random), randomValue(random)));
      default -> new Rule.Attribute(name, operator, List.of(randomValue(random)));
    };
  }

  static Rule.Value randomValue(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> Rule.Value.number(new BigDecimal(List.of("0", "1", "2", "2.5", "3", "2.50").get(random.nextInt(6))));
      case 1 -> Rule.Value.date(LocalDate.of(2025, 1, 1).plusDays(random.nextInt(700)));
      default -> Rule.Value.text(List.of("pro", "Pro", "DE", "NZ", "x' OR '1'='1", "2", "team plan", "Zoë")
          .get(random.nextInt(8)));
    };
  }

  static Rule randomSubscribed(Random random) {
    LocalDate date = LocalDate.of(2025, 6, 1).plusDays(random.nextInt(600));
    return switch (random.nextInt(3)) {
      case 0 -> new Rule.Subscribed(date, null, null);
      case 1 -> new Rule.Subscribed(null, date, null);
      default -> new Rule.Subscribed(null, null, Duration.ofDays(1 + random.nextInt(400)));
    };
  }

  static String csvField(String value) {
    return "\"" + value.replace("\"", "\"\"") + "\"";
  }
}
