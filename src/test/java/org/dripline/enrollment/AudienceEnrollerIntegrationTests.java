package org.dripline.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.infra.ConcurrentWrites;
import org.dripline.subscriber.SuppressionList;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The set-based enroller one range at a time, driven directly: where a restart resumes, that a
 * range done twice enrolls nobody twice, and who is left out.
 */
@SpringBootTest(properties = {TestEnvironment.NO_SMTP, TestEnvironment.SHARED_H2})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AudienceEnrollerIntegrationTests {

  static final Instant AS_OF = Instant.parse("2026-12-01T08:00:00Z");

  @Autowired
  SubscriberImporter importer;
  @Autowired
  SuppressionList suppressions;
  @Autowired
  CampaignCatalog catalog;
  @Autowired
  NamedParameterJdbcTemplate named;
  @Autowired
  PlatformTransactionManager transactionManager;
  @Autowired
  JdbcTemplate jdbc;
  @TempDir
  Path tmp;
  List<Long> ids;

  @BeforeEach
  void tenSubscribersOfWhomThreeMayNotBeEnrolled() throws Exception {
    // The context (and its database) is shared by these tests and other classes: start from none.
    TestEnvironment.emptyTables(jdbc);
    Path csv = tmp.resolve("audience.csv");
    try (BufferedWriter out = Files.newBufferedWriter(csv)) {
      out.write("email,tags\n");
      for (int i = 0; i < 10; i++) {
        out.write("enrol" + i + "@example.org," + (i == 7 ? "other" : "working-mom") + "\n");
      }
    }
    importer.importFile(csv, "test");
    suppressions.add("enrol3@example.org", "COMPLAINT", "test");
    jdbc.update("update subscribers set status = 'UNSUBSCRIBED' where email = 'enrol5@example.org'");
    ids = jdbc.queryForList("select id from subscribers order by id", Long.class);
  }

  @Test
  void walksTheIdsInRangesAndEnrollsOnlyActiveUnsuppressedAudienceMembers() {
    // given an enroller with ranges of three ids
    StepExecution step = MetaDataInstanceFactory.createStepExecution();

    // when it runs until it says it is finished
    int calls = runToTheEnd(enroller(3), step);

    // then it took one call per range, and the audience minus the suppressed, the unsubscribed and
    // the one without the tag is enrolled
    assertThat(calls).isEqualTo(4);
    assertThat(enrolled()).containsExactly("enrol0@example.org", "enrol1@example.org", "enrol2@example.org",
        "enrol4@example.org", "enrol6@example.org", "enrol8@example.org", "enrol9@example.org");
    assertThat(step.getWriteCount()).isEqualTo(7);
  }

  @Test
  void aRestartFromARangeAlreadyCommittedEnrollsNobodyTwice() {
    // given the first range enrolled, then a crash before the step recorded its position
    execute(enroller(3), MetaDataInstanceFactory.createStepExecution());

    // when the restarted step begins again at that same range
    StepExecution restarted = MetaDataInstanceFactory.createStepExecution();
    restarted.getExecutionContext().putLong(AudienceEnroller.NEXT_FROM_ID, ids.get(0));
    runToTheEnd(enroller(3), restarted);

    // then everyone is enrolled once, and the redone range wrote nothing new
    assertThat(jdbc.queryForObject("select count(*) from enrollments", Long.class)).isEqualTo(7);
    assertThat(restarted.getWriteCount()).isEqualTo(4);
  }

  @Test
  void aRestartResumesFromThePositionInTheStepContext() {
    // given a step whose context says the first six ids are done
    StepExecution restarted = MetaDataInstanceFactory.createStepExecution();
    restarted.getExecutionContext().putLong(AudienceEnroller.NEXT_FROM_ID, ids.get(6));

    // when it runs to the end
    runToTheEnd(enroller(3), restarted);

    // then only the subscribers from the seventh id on are enrolled
    assertThat(enrolled()).containsExactly("enrol6@example.org", "enrol8@example.org", "enrol9@example.org");
  }

  private AudienceEnroller enroller(int range) {
    return new AudienceEnroller(named, new ConcurrentWrites(transactionManager), catalog.load("working-mom-guilt"),
        AS_OF, range);
  }

  private int runToTheEnd(AudienceEnroller enroller, StepExecution step) {
    int calls = 1;
    while (execute(enroller, step) == RepeatStatus.CONTINUABLE) {
      calls++;
    }
    return calls;
  }

  private RepeatStatus execute(AudienceEnroller enroller, StepExecution step) {
    StepContribution contribution = new StepContribution(step);
    RepeatStatus status = enroller.execute(contribution, new ChunkContext(new StepContext(step)));
    step.apply(contribution);
    return status;
  }

  private List<String> enrolled() {
    return jdbc.queryForList("select s.email from enrollments e join subscribers s on s.id = e.subscriber_id"
        + " where e.campaign_id = 'working-mom-guilt' order by s.id", String.class);
  }
}
