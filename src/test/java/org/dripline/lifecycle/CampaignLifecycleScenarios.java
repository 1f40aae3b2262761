package org.dripline.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.Lifecycle;
import org.dripline.delivery.DeliveryLedger;
import org.dripline.enrollment.Enrollments;
import org.dripline.enrollment.ExitGoals;
import org.dripline.infra.ConflictException;
import org.dripline.infra.Selection;
import org.dripline.infra.UtcTime;
import org.dripline.run.DripRuns;
import org.dripline.run.Plans;
import org.dripline.run.RunSummary;
import org.dripline.run.SchedulerProbe;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A campaign's lifecycle end to end over real SMTP (GreenMail) and the real job: a pause sends
 * nothing and both {@code on_resume} modes resume it, a closed campaign enrolls nobody new while
 * those in flight finish, an archived one refuses runs and the scheduler skips it, and
 * {@code exit_when} takes a subscriber out as a goal completion. {@link CampaignLifecycleIntegrationTests}
 * runs these on H2, {@link CampaignLifecycleMySqlIntegrationTests} on MariaDB (the SQL predicates
 * and the shift's date arithmetic).
 */
@SpringBootTest(properties = {"dripline.schedule.enabled=true", "dripline.schedule.tick=PT1H"})
@ActiveProfiles("test")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
abstract class CampaignLifecycleScenarios {

  static final Path CAMPAIGNS = LifecycleCampaigns.directory();
  static final Instant DAY_ZERO = Instant.parse("2026-12-01T08:00:00Z");
  static final String CATCH_UP = LifecycleCampaigns.CATCH_UP;
  static final String SHIFT = LifecycleCampaigns.SHIFT;

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void smtpAndCampaigns(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    registry.add("dripline.campaigns-dir", CAMPAIGNS::toString);
  }

  @Autowired
  DripRuns runs;
  @Autowired
  CampaignLifecycle lifecycle;
  @Autowired
  SubscriberImporter importer;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  NamedParameterJdbcTemplate named;
  @Autowired
  Plans plans;
  @Autowired
  CampaignCatalog catalog;
  @Autowired
  Enrollments enrollments;
  @Autowired
  DeliveryLedger ledger;
  @Autowired
  ApplicationContext context;
  @Autowired
  org.springframework.batch.core.repository.JobRepository jobRepository;
  @TempDir
  Path tmp;

  private final Set<String> seen = new HashSet<>();

  @BeforeEach
  void emptyEverything() throws Exception {
    smtp.purgeEmailFromAllMailboxes();
    seen.clear();
    TestEnvironment.emptyTables(jdbc);
    jdbc.update("delete from campaign_lifecycle");
  }

  @Test
  void aPausedCampaignSendsNothingAndCatchUpResumesOneStepPerRun() throws Exception {
    // given Ann got the welcome on day 0, then the campaign was paused on day 1
    subscribers("ann@example.org,life");
    run(CATCH_UP, 0);
    assertThat(arrivals()).containsExactly("ann@example.org Welcome");
    assertThat(lifecycle.pause(CATCH_UP, day(1), "test").changed()).isTrue();

    // when the drip runs every day to day 16
    List<String> duringPause = new ArrayList<>();
    for (int day = 1; day <= 16; day++) {
      run(CATCH_UP, day);
      duringPause.addAll(arrivals());
    }

    // then nothing was sent, though planning went on (week 1 is planned), the dry run agrees, and
    // the claim refuses the planned row
    assertThat(duringPause).isEmpty();
    assertThat(status("ann@example.org", "week-1")).isEqualTo("PLANNED");
    assertThat(plans.plan(CATCH_UP, day(16)).send()).isZero();
    long planned = deliveryId("ann@example.org", "week-1");
    assertThat(ledger.claim(List.of(planned), "probe", day(16), day(16))).isEmpty();
    assertThat(lifecycle.pause(CATCH_UP, day(2), "test").changed()).isFalse();

    // when it resumes on day 16 (catch_up) and runs on days 16 and 17
    LifecycleChange resumed = lifecycle.resume(CATCH_UP, day(16), "test");
    run(CATCH_UP, 16);
    List<String> day16 = arrivals();
    run(CATCH_UP, 17);
    List<String> day17 = arrivals();

    // then the missed steps go out one per run, in order, and nothing moved
    assertThat(resumed.onResume()).isEqualTo(Lifecycle.OnResume.CATCH_UP);
    assertThat(resumed.pause()).isEqualTo(Duration.ofDays(15));
    assertThat(resumed.state().status()).isEqualTo("live");
    assertThat(day16).containsExactly("ann@example.org Week 1");
    assertThat(day17).containsExactly("ann@example.org Week 2");
    assertThat(enrolledAt("ann@example.org", CATCH_UP)).isEqualTo(day(0));
  }

  @Test
  void shiftMovesEveryDueDateLaterByThePause() throws Exception {
    // given Ann enrolled on day 0 and got the welcome; the campaign is paused from day 3 to day 8,
    // and Bob arrives on day 5, during the pause
    subscribers("ann@example.org,life-shift");
    run(SHIFT, 0);
    assertThat(arrivals()).containsExactly("ann@example.org Welcome");
    lifecycle.pause(SHIFT, day(3), "test");
    List<String> duringPause = new ArrayList<>();
    for (int day = 3; day <= 7; day++) {
      if (day == 5) {
        subscribers("bob@example.org,life-shift");
      }
      run(SHIFT, day);
      duringPause.addAll(arrivals());
    }
    assertThat(duringPause).isEmpty();
    assertThat(due("ann@example.org", "week-1")).isEqualTo(day(7));

    // when it resumes on day 8 and runs daily to day 22
    LifecycleChange resumed = lifecycle.resume(SHIFT, day(8), "test");
    List<String> arrivals = new ArrayList<>();
    for (int day = 8; day <= 22; day++) {
      run(SHIFT, day);
      for (String arrival : arrivals()) {
        arrivals.add(day + ": " + arrival);
      }
    }

    // then Ann's steps come five days later than planned (day 12 and 19, not 7 and 14), and Bob's
    // series starts at the resume (day 8, 15, 22): the pause as if it had not happened
    assertThat(resumed.onResume()).isEqualTo(Lifecycle.OnResume.SHIFT);
    assertThat(resumed.movedEnrollments()).isEqualTo(2);
    assertThat(resumed.movedMessages()).isEqualTo(2);
    assertThat(enrolledAt("ann@example.org", SHIFT)).isEqualTo(day(5));
    assertThat(enrolledAt("bob@example.org", SHIFT)).isEqualTo(day(8));
    assertThat(arrivals).containsExactly("8: bob@example.org Welcome", "12: ann@example.org Week 1",
        "15: bob@example.org Week 1", "19: ann@example.org Week 2", "22: bob@example.org Week 2");
  }

  @Test
  void aClosedCampaignEnrollsNobodyNewWhileThoseInFlightFinish() throws Exception {
    // given Ann in the series since day 0; the campaign closes on day 1 (twice), and Bob arrives
    subscribers("ann@example.org,life");
    run(CATCH_UP, 0);
    assertThat(arrivals()).containsExactly("ann@example.org Welcome");
    assertThat(lifecycle.close(CATCH_UP, day(1), "test").changed()).isTrue();
    assertThat(lifecycle.close(CATCH_UP, day(1), "test").changed()).isFalse();
    subscribers("bob@example.org,life");

    // when the dry run looks at day 7, and the drip runs to day 14
    long wouldEnroll = plans.plan(CATCH_UP, day(7)).newEnrollments();
    List<String> arrivals = new ArrayList<>();
    for (int day = 1; day <= 14; day++) {
      RunSummary summary = run(CATCH_UP, day);
      assertThat(summary.enrolled()).isZero();
      arrivals.addAll(arrivals());
    }

    // then Ann finished her series, Bob was never enrolled, and the dry run said so
    assertThat(wouldEnroll).isZero();
    assertThat(arrivals).containsExactly("ann@example.org Week 1", "ann@example.org Week 2");
    assertThat(jdbc.queryForObject("select count(*) from enrollments", Long.class)).isEqualTo(1);

    // and when it reopens, the next run enrolls Bob
    lifecycle.reopen(CATCH_UP, day(15), "test");
    assertThat(plans.plan(CATCH_UP, day(15)).newEnrollments()).isEqualTo(1);
    assertThat(run(CATCH_UP, 15).enrolled()).isEqualTo(1);
    assertThat(arrivals()).containsExactly("bob@example.org Welcome");
  }

  @Test
  void anArchivedCampaignRefusesRunsAndKeepsItsHistoryUntilUnarchived() throws Exception {
    // given Ann got the welcome, then the campaign was archived
    subscribers("ann@example.org,life");
    run(CATCH_UP, 0);
    arrivals();
    LifecycleChange archived = lifecycle.archive(CATCH_UP, day(1), "test");
    assertThat(archived.state().status()).isEqualTo("archived");

    // when a run, a resume and the scheduler come
    // then the run and the resume are refused with one clear line, the schedule starts nothing, and
    // pausing or archiving again changes nothing
    assertThatThrownBy(() -> runs.run(CATCH_UP, day(7))).isInstanceOf(ConflictException.class)
        .hasMessageContaining("campaign " + CATCH_UP + " is archived")
        .hasMessageContaining("dripline campaign unarchive " + CATCH_UP);
    assertThatThrownBy(() -> lifecycle.resume(CATCH_UP, day(7), "test")).isInstanceOf(ConflictException.class)
        .hasMessageContaining("read-only");
    assertThat(SchedulerProbe.tick(context, day(7))).isEmpty();
    assertThat(lifecycle.pause(CATCH_UP, day(7), "test").changed()).isFalse();
    assertThat(lifecycle.archive(CATCH_UP, day(7), "test").changed()).isFalse();
    assertThat(arrivals()).isEmpty();
    assertThat(jdbc.queryForList("select status from deliveries", String.class)).containsExactly("SENT");

    // when it is unarchived, it comes back paused and closed: a run sends nothing until resumed
    LifecycleChange back = lifecycle.unarchive(CATCH_UP, day(8), "test");
    assertThat(back.state().status()).isEqualTo("paused and closed");
    assertThat(run(CATCH_UP, 8).sent()).isZero();
    lifecycle.resume(CATCH_UP, day(8), "test");
    // (the next hourly slot: the 08:00 one ran above)
    assertThat(SchedulerProbe.tick(context, day(8).plus(Duration.ofMinutes(61)))).hasSize(1);
    awaitNoRunning();
    assertThat(arrivals()).containsExactly("ann@example.org Week 1");
  }

  @Test
  void exitWhenTakesAMatchingSubscriberOutAsAGoalCompletion() throws Exception {
    // given three readers who got the welcome; Bob becomes a customer on day 3
    subscribers("ann@example.org,life", "bob@example.org,life", "cat@example.org,life");
    run(CATCH_UP, 0);
    assertThat(arrivals()).hasSize(3);
    subscribers("bob@example.org,life;customer");
    long countedBefore = count(ExitGoals.all(catalog.load(CATCH_UP), day(7)));

    // when the paused campaign plans week 1 on day 7, Cat becomes a customer after that planning,
    // and the drip resumes and runs to day 14
    lifecycle.pause(CATCH_UP, day(6), "test");
    run(CATCH_UP, 7);
    assertThat(status("cat@example.org", "week-1")).isEqualTo("PLANNED");
    subscribers("cat@example.org,life;customer");
    lifecycle.resume(CATCH_UP, day(7), "test");
    List<String> arrivals = new ArrayList<>();
    for (int day = 7; day <= 14; day++) {
      run(CATCH_UP, day);
      arrivals.addAll(arrivals());
    }

    // then only Ann got further steps: Bob left before planning, Cat's planned week 1 was skipped
    // at send time, and both count as goal completions (the dry run had counted Bob)
    assertThat(countedBefore).isEqualTo(1);
    assertThat(arrivals).containsExactly("ann@example.org Week 1", "ann@example.org Week 2");
    assertThat(status("bob@example.org", "week-1")).isNull();
    assertThat(status("cat@example.org", "week-1")).isEqualTo("SKIPPED");
    assertThat(jdbc.queryForList("select e.state from enrollments e join subscribers s on s.id = e.subscriber_id"
        + " order by s.email", String.class)).containsExactly("ACTIVE", "GOAL_MET", "GOAL_MET");
    assertThat(enrollments.goalCompletions(CATCH_UP)).isEqualTo(2);
    assertThat(count(ExitGoals.all(catalog.load(CATCH_UP), day(14)))).isZero();
  }

  RunSummary run(String campaign, int day) {
    RunSummary summary = runs.run(campaign, day(day));
    assertThat(summary.succeeded()).as("%s day %d: %s", campaign, day, summary.failure()).isTrue();
    return summary;
  }

  static Instant day(int day) {
    return DAY_ZERO.plus(Duration.ofDays(day));
  }

  /** The messages that arrived since the last call, as "recipient subject". */
  List<String> arrivals() throws Exception {
    List<String> arrived = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      if (seen.add(message.getMessageID())) {
        arrived.add(((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress() + " "
            + message.getSubject());
      }
    }
    return arrived;
  }

  void subscribers(String... emailAndTags) throws Exception {
    Path file = tmp.resolve("subscribers-" + UUID.randomUUID() + ".csv");
    Files.writeString(file, "email,tags\n" + String.join("\n", emailAndTags) + "\n");
    assertThat(importer.importFile(file, "test").rejected()).isZero();
  }

  String status(String email, String step) {
    return jdbc.queryForList("select d.status from deliveries d join subscribers s on s.id = d.subscriber_id"
        + " where s.email = ? and d.step_id = ?", String.class, email, step).stream().findFirst().orElse(null);
  }

  long deliveryId(String email, String step) {
    return jdbc.queryForObject("select d.id from deliveries d join subscribers s on s.id = d.subscriber_id"
        + " where s.email = ? and d.step_id = ?", Long.class, email, step);
  }

  Instant due(String email, String step) {
    return UtcTime.fromDb(jdbc.queryForObject("select d.due_at from deliveries d join subscribers s"
        + " on s.id = d.subscriber_id where s.email = ? and d.step_id = ?", LocalDateTime.class, email, step));
  }

  Instant enrolledAt(String email, String campaign) {
    return UtcTime.fromDb(jdbc.queryForObject("select e.enrolled_at from enrollments e join subscribers s"
        + " on s.id = e.subscriber_id where s.email = ? and e.campaign_id = ?", LocalDateTime.class, email, campaign));
  }

  long count(Selection selection) {
    return named.queryForObject("select count(*) " + selection.from(), selection.parameters(), Long.class);
  }

  /** A run the scheduler started runs on its own thread: wait until no run of the job is going. */
  void awaitNoRunning() {
    org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(2)).until(() ->
        jobRepository.findRunningJobExecutions("dripRunJob").isEmpty());
  }
}
