package org.dripline.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.SeriesLinks;
import org.dripline.campaign.Schedule;
import org.dripline.infra.UtcTime;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dry run against the run it predicts: a random audience (tags, attributes, timezones,
 * statuses, suppressions, pauses, departures, all changed at random between runs) and a campaign
 * with chains of conditional steps, zero offsets and a weekday send window; at each of a series of
 * instants the plan is taken, then the run at that instant, and every number of the plan must be
 * what the run did. The seed is random and printed with every assertion; {@code
 * -Ddripline.test.seed=N} replays one. {@link PlanMatchesRunIntegrationTests} runs this on H2,
 * {@link PlanMatchesRunMySqlIntegrationTests} over Connector/J against MariaDB.
 */
@SpringBootTest
@ActiveProfiles("test")
@Timeout(value = 20, unit = TimeUnit.MINUTES)
abstract class PlanMatchesRunScenarios {

  static final String CAMPAIGN = "plan-check";
  static final String SKIPPED_AT_PLANNING = "condition not met at planning";
  // A Monday, 09:00 UTC: the window (weekdays 08:00 to 18:00 local) is open in Berlin and UTC,
  // closed in Los Angeles and Tokyo. The later runs move it round the zones and the week.
  static final Instant DAY_ZERO = Instant.parse("2026-11-30T09:00:00Z");
  static final List<Duration> RUNS = List.of(Duration.ZERO, Duration.ofHours(11), Duration.ofHours(26),
      Duration.ofHours(48), Duration.ofHours(73), Duration.ofDays(5), Duration.ofHours(167), Duration.ofHours(171),
      Duration.ofHours(256), Duration.ofHours(345), Duration.ofHours(423));
  static final List<String> ZONES = List.of("", "UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Tokyo");
  static final List<String> TAGS = List.of("a", "b", "c", "d");
  static final Path CAMPAIGNS = campaigns();

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    registry.add("dripline.campaigns-dir", CAMPAIGNS::toString);
    // Several id ranges per step, as with a large audience.
    registry.add("dripline.enrollment.range", () -> "50");
    registry.add("dripline.send.planning-range", () -> "40");
  }

  @Autowired
  Plans plans;
  @Autowired
  DripRuns runs;
  @Autowired
  SubscriberImporter importer;
  @Autowired
  CampaignCatalog catalog;
  @Autowired
  NamedParameterJdbcTemplate jdbc;
  @TempDir
  Path tmp;

  int people;

  /** One ledger row as the test reads it, with what decides its fate at send time. */
  record Row(long subscriberId, String stepId, String status, String lastError, LocalDateTime dueAt, LocalDateTime nextAttemptAt,
      String timezone, LocalDateTime pausedUntil) {
  }

  /** What a run did to one step, in the plan's terms. */
  static final class Outcome {
    long send;
    long outsideWindow;
    long conditionNotMet;
    long notSendable;
    long skippedAtSend;
    long held;

    List<Long> asPlanned() {
      return List.of(send, outsideWindow, conditionNotMet, notSendable);
    }
  }

  @Test
  void eachPlanCountsExactlyWhatTheRunAtItsInstantThenDoes() throws IOException {
    long seed = Long.getLong("dripline.test.seed", System.nanoTime());
    Random random = new Random(seed);
    Schedule schedule = catalog.load(CAMPAIGN).schedule();
    long[] totals = new long[6];
    // given a random audience
    addSubscribers(random, 250);

    for (Duration at : RUNS) {
      Instant asOf = DAY_ZERO.plus(at);
      String why = "seed " + seed + " (replay with -Ddripline.test.seed=" + seed + "), run at " + asOf;

      // when the plan is taken, then the run at the same instant
      PlanView plan = plans.plan(CAMPAIGN, asOf);
      Map<Long, Row> before = ledger();
      long enrolledBefore = enrollments();
      long skippedBefore = skippedRows();
      RunSummary run = runs.run(CAMPAIGN, asOf);
      Map<Long, Row> after = ledger();

      // then the run enrolled whom the plan said
      assertThat(run.succeeded()).as("%s: %s", why, run.failure()).isTrue();
      assertThat(run.enrolled()).as("%s: enrolled", why).isEqualTo(plan.newEnrollments())
          .isEqualTo(enrollments() - enrolledBefore);
      // and did to each step what the plan said: sent, left for the window, skipped by the
      // condition, and skipped or held at send time
      Map<String, Outcome> done = outcomes(before, after, asOf, schedule, why);
      for (PlanView.StepPlan step : plan.steps()) {
        Outcome outcome = done.getOrDefault(step.stepId(), new Outcome());
        assertThat(List.of(step.send(), step.outsideWindow(), step.conditionNotMet(), step.notSendable()))
            .as("%s, step %s: send, outside window, condition not met, not sendable", why, step.stepId())
            .isEqualTo(outcome.asPlanned());
      }
      // and the run's own counts agree
      assertThat(run.sent()).as("%s: sent", why).isEqualTo(sum(done, o -> o.send)).isEqualTo(plan.send());
      // skipped is the report's rule (ledger rows SKIPPED): by the condition at planning and at send time alike
      assertThat(run.skipped()).as("%s: skipped at planning and at send time", why)
          .isEqualTo(sum(done, o -> o.conditionNotMet + o.skippedAtSend))
          .isEqualTo(skippedRows() - skippedBefore);
      assertThat(run.deferred()).as("%s: deferred", why).isEqualTo(sum(done, o -> o.outsideWindow + o.held));
      assertThat(run.failed()).as("%s: failed", why).isZero();

      totals[0] += plan.newEnrollments();
      totals[1] += sum(done, o -> o.send);
      totals[2] += sum(done, o -> o.outsideWindow);
      totals[3] += sum(done, o -> o.conditionNotMet);
      totals[4] += sum(done, o -> o.notSendable);
      totals[5] += followedASkipInTheSamePass(before, after);
      change(random, asOf);
    }

    // and the runs went through every case the plan tells apart, steps following a same-pass skip too
    assertThat(totals).as("seed %d: enrolled, sent, outside window, condition not met, not sendable, "
        + "followed a skip in the same pass", seed).doesNotContain(0L);
  }

  /** Per step, what this run did, judged from the ledger before and after it. */
  private Map<String, Outcome> outcomes(Map<Long, Row> before, Map<Long, Row> after, Instant asOf, Schedule schedule,
      String why) {
    Map<String, Outcome> outcomes = new HashMap<>();
    LocalDateTime now = UtcTime.toDb(asOf);
    after.forEach((id, row) -> {
      Row was = before.get(id);
      Outcome outcome = outcomes.computeIfAbsent(row.stepId(), k -> new Outcome());
      boolean skippedByCondition = SKIPPED_AT_PLANNING.equals(row.lastError());
      if ("SENT".equals(row.status()) && (was == null || !"SENT".equals(was.status()))) {
        outcome.send++;
      } else if ("SKIPPED".equals(row.status()) && was == null && skippedByCondition) {
        outcome.conditionNotMet++;
      } else if ("SKIPPED".equals(row.status()) && !skippedByCondition
          && (was == null || "PLANNED".equals(was.status()))) {
        outcome.skippedAtSend++;
        outcome.notSendable++;
      } else if ("PLANNED".equals(row.status()) && !row.dueAt().isAfter(now)
          && (row.nextAttemptAt() == null || !row.nextAttemptAt().isAfter(now))) {
        if (!schedule.open(asOf, row.timezone())) {
          outcome.outsideWindow++;
        } else {
          // due, inside the window and still planned: only a pause holds a message so
          assertThat(row.pausedUntil()).as("%s: delivery %d left planned", why, id).isNotNull().isAfter(now);
          outcome.held++;
          outcome.notSendable++;
        }
      }
    });
    return outcomes;
  }

  /** Rows written by this run whose previous step this run also wrote, as skipped. */
  private long followedASkipInTheSamePass(Map<Long, Row> before, Map<Long, Row> after) {
    List<String> steps = catalog.load(CAMPAIGN).steps().stream().map(step -> step.id()).toList();
    Map<String, String> written = new HashMap<>();
    after.forEach((id, row) -> {
      if (!before.containsKey(id)) {
        written.put(row.subscriberId() + "/" + row.stepId(), row.status());
      }
    });
    return after.entrySet().stream().filter(entry -> !before.containsKey(entry.getKey())).filter(entry -> {
      int index = steps.indexOf(entry.getValue().stepId());
      return index > 0 && "SKIPPED".equals(written.get(entry.getValue().subscriberId() + "/" + steps.get(index - 1)));
    }).count();
  }

  /** What the report counts as skipped, over the whole ledger. */
  private long skippedRows() {
    Long count = jdbc.queryForObject("select count(*) from deliveries where status = 'SKIPPED'", Map.of(), Long.class);
    return count == null ? 0 : count;
  }

  private static long sum(Map<String, Outcome> outcomes, java.util.function.ToLongFunction<Outcome> count) {
    return outcomes.values().stream().mapToLong(count).sum();
  }

  private Map<Long, Row> ledger() {
    Map<Long, Row> rows = new HashMap<>();
    jdbc.query("""
        select d.id, d.subscriber_id, d.step_id, d.status, d.last_error, d.due_at, d.next_attempt_at, s.timezone, e.paused_until
        from deliveries d join subscribers s on s.id = d.subscriber_id
             left join enrollments e on e.campaign_id = d.campaign_id and e.subscriber_id = d.subscriber_id
        """, rs -> {
      rows.put(rs.getLong("id"), new Row(rs.getLong("subscriber_id"), rs.getString("step_id"), rs.getString("status"), rs.getString("last_error"),
          rs.getObject("due_at", LocalDateTime.class), rs.getObject("next_attempt_at", LocalDateTime.class),
          rs.getString("timezone"), rs.getObject("paused_until", LocalDateTime.class)));
    });
    return rows;
  }

  private long enrollments() {
    return jdbc.queryForObject("select count(*) from enrollments", Map.of(), Long.class);
  }

  /** New subscribers with random tags, plan, kids and timezone (the importer makes them ACTIVE). */
  private void addSubscribers(Random random, int count) throws IOException {
    StringBuilder csv = new StringBuilder("email,timezone,tags,plan,kids\n");
    for (int i = 0; i < count; i++) {
      StringBuilder tags = new StringBuilder();
      for (String tag : TAGS) {
        if (random.nextInt(3) == 0) {
          tags.append(tags.isEmpty() ? "" : ";").append(tag);
        }
      }
      csv.append("p").append(people++).append("@example.org,").append(ZONES.get(random.nextInt(ZONES.size())))
          .append(',').append(tags).append(',').append(random.nextBoolean() ? "pro" : "free").append(',')
          .append(random.nextInt(4)).append('\n');
    }
    Path file = Files.createTempFile(tmp, "people", ".csv");
    Files.writeString(file, csv);
    assertThat(importer.importFile(file, "test").rejected()).isZero();
  }

  /**
   * Between runs, at random: newcomers, departures and returns, suppressions, pauses that end
   * before or after the next run, people leaving the series, and tags the conditions read.
   */
  private void change(Random random, Instant asOf) throws IOException {
    addSubscribers(random, random.nextInt(30));
    List<Long> subscribers = jdbc.queryForList("select id from subscribers order by id", Map.of(), Long.class);
    for (long id : subscribers) {
      int dice = random.nextInt(100);
      Map<String, Object> row = Map.of("id", id, "now", UtcTime.toDb(asOf));
      if (dice < 3) {
        jdbc.update("update subscribers set status = :status where id = :id",
            Map.of("id", id, "status", List.of("UNSUBSCRIBED", "BOUNCED", "COMPLAINED").get(random.nextInt(3))));
      } else if (dice < 6) {
        jdbc.update("update subscribers set status = 'ACTIVE' where id = :id", row);
      } else if (dice < 8) {
        jdbc.update("""
            insert into suppressions (email, reason, source, created_at)
            select email, 'MANUAL', 'test', :now from subscribers
            where id = :id and not exists (select 1 from suppressions x where x.email = subscribers.email)
            """, row);
      } else if (dice < 14) {
        jdbc.update("update enrollments set paused_until = :until where subscriber_id = :id",
            Map.of("id", id, "until", UtcTime.toDb(asOf.plus(Duration.ofHours(1 + random.nextInt(72))))));
      } else if (dice < 17) {
        jdbc.update("update enrollments set paused_until = null where subscriber_id = :id", row);
      } else if (dice < 19) {
        jdbc.update("update enrollments set state = 'UNSUBSCRIBED' where subscriber_id = :id", row);
      } else if (dice < 27) {
        String tag = TAGS.get(random.nextInt(TAGS.size()));
        Map<String, Object> tagged = Map.of("id", id, "tag", tag);
        if (jdbc.update("delete from subscriber_tags where subscriber_id = :id and tag = :tag", tagged) == 0) {
          jdbc.update("insert into subscriber_tags (subscriber_id, tag) values (:id, :tag)", tagged);
        }
      }
    }
  }

  /**
   * A campaign whose first three steps are due at once (two conditional, so a newcomer skipped by
   * both gets the third in the same run), two conditional steps due together later, a condition
   * nobody meets (no one opens in a test) before a step due with it, and a weekday send window.
   */
  static Path campaigns() {
    try {
      Path dir = Files.createTempDirectory("plan-campaigns");
      Files.writeString(dir.resolve(CAMPAIGN + ".yaml"), """
          id: plan-check
          name: Plan check
          from: { name: Test, address: test@example.org }
          postal_address: 1 Test Street, Springfield
          audience:
            any:
              - tag: a
              - tag: b
          schedule:
            timezone: UTC
            send_window: { days: [MON, TUE, WED, THU, FRI], from: "08:00", to: "18:00" }
          %s
          steps:
            - { id: s0, offset: P0D, template: working-mom-guilt/welcome, subject: Zero, when: { tag: c } }
            - { id: s1, offset: P0D, template: working-mom-guilt/week-1, subject: One, when: { tag: d } }
            - { id: s2, offset: P0D, template: working-mom-guilt/week-1-daycare, subject: Two }
            - { id: s3, offset: P2D, template: working-mom-guilt/week-2, subject: Three, when: { attribute: plan, eq: pro } }
            - { id: s4, offset: P2D, template: working-mom-guilt/burnout-check-in, subject: Four, when: { attribute: kids, gte: 2 } }
            - { id: s5, offset: P3D, template: working-mom-guilt/week-3, subject: Five }
            - { id: s6, offset: P7D, template: working-mom-guilt/week-4, subject: Six, when: { opened: s2 } }
            - { id: s7, offset: P7D, template: working-mom-guilt/week-5, subject: Seven }
            - { id: s8, offset: P10D, template: working-mom-guilt/week-6, subject: Eight, when: { tag: b } }
          """.formatted(SeriesLinks.YAML.strip()));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
