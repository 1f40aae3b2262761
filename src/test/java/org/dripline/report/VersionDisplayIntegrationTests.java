package org.dripline.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.dripline.infra.NotFoundException;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The versions as the report and the timeline show them, over {@link VersionFixture}: the history
 * with what changed and who accepted it, the version each subscriber follows (and its steps), and
 * subjects rendered for a sample subscriber rather than their FreeMarker source.
 */
@SpringBootTest(properties = {TestEnvironment.NO_SMTP, TestEnvironment.SHARED_H2})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class VersionDisplayIntegrationTests {

  @Autowired
  ApplicationContext context;
  @Autowired
  CampaignReports reports;
  @Autowired
  Timelines timelines;
  @Autowired
  VersionHistories histories;
  @TempDir
  Path tmp;

  VersionFixture fixture;

  @BeforeEach
  void twoVersions() {
    fixture = VersionFixture.create(context, "report", tmp);
  }

  @Test
  void theReportListsEachVersionWithWhenWhatChangedAndWhoAcceptedIt() {
    // when the report is built
    CampaignReport report = reports.report(fixture.campaignId());

    // then its history has both versions, oldest first, the file's in force
    VersionHistory history = report.versions();
    assertThat(history.versions()).extracting(VersionHistory.Entry::version)
        .containsExactly(fixture.v1Short(), fixture.v2Short());
    VersionHistory.Entry first = history.versions().get(0);
    VersionHistory.Entry second = history.versions().get(1);
    assertThat(first.inForce()).isFalse();
    assertThat(first.changedOrUnknown()).isEqualTo("first version");
    assertThat(first.accepted()).isEqualTo("-");
    assertThat(second.inForce()).isTrue();
    assertThat(second.changedOrUnknown()).isEqualTo(VersionFixture.SUMMARY);
    assertThat(second.accepted()).startsWith("by " + VersionFixture.ACCEPTED_BY + " at ").endsWith("(change c0ffee012345)");
    assertThat(second.since()).isNotNull();
    assertThat(history.inForce()).isEqualTo(fixture.v2().versionHash());
    assertThat(history.fileAhead()).isFalse();
  }

  @Test
  void theReportShowsSubjectsRenderedForTheSampleSubscriberNeverTheirTemplateSource() {
    // given the shipped welcome's subject is "<#if subscriber.firstName?has_content>${subscriber.firstName}, you…"
    assertThat(fixture.v2().steps().get(0).subject()).contains("<#if").contains("${");

    // when the report is built
    CampaignReport report = reports.report(fixture.campaignId());

    // then every subject is plain text, rendered for the sample subscriber Sam, and says so
    assertThat(report.steps()).allSatisfy(step -> {
      assertThat(step.subject()).as(step.stepId()).isNotBlank().doesNotContain("<#").doesNotContain("${")
          .doesNotContain("</#");
      assertThat(step.subjectProblem()).as(step.stepId()).isNull();
    });
    assertThat(report.steps().get(0).subject()).isEqualTo("Sam, you love your kids and your career");
    assertThat(report.steps()).filteredOn(step -> step.stepId().equals("week-6")).singleElement()
        .satisfies(step -> assertThat(step.subject()).isEqualTo("Sam, you can be both"));
    assertThat(report.subjects()).isEqualTo("as rendered for a sample subscriber (Sam, sample@example.com)");
  }

  @Test
  void aTimelineSaysWhichVersionTheSubscriberFollowsAndShowsThatVersionsSteps() {
    // when the timelines of the one enrolled on version 1, the one on version 2, and a newcomer are read
    TimelineView early = timelines.timeline(fixture.campaignId(), fixture.early());
    TimelineView late = timelines.timeline(fixture.campaignId(), fixture.late());
    TimelineView newcomer = timelines.timeline(fixture.campaignId(), fixture.newcomer());

    // then each names its version, with when it came into force, and follows its steps
    VersionHistory history = histories.history(fixture.campaignId());
    assertThat(early.versionHash()).isEqualTo(fixture.v1().versionHash());
    assertThat(early.version()).isEqualTo("follows version " + fixture.v1Short() + " (in force since "
        + history.versions().get(0).since() + "; the version in force now is " + fixture.v2Short() + ")");
    assertThat(early.steps()).extracting(TimelineView.Entry::stepId).doesNotContain("week-6").contains("week-5");
    assertThat(late.version()).isEqualTo("follows version " + fixture.v2Short() + " (in force since "
        + history.versions().get(1).since() + ")");
    assertThat(late.steps()).extracting(TimelineView.Entry::stepId).endsWith("week-6", "after-the-series");
    assertThat(newcomer.versionHash()).isNull();
    assertThat(newcomer.version()).isEqualTo("not enrolled: would follow the file on disk (version "
        + fixture.v2Short() + ")");
  }

  @Test
  void theHistoryOfAnUnknownCampaignIsNotFound() {
    assertThatThrownBy(() -> histories.history("no-such-campaign")).isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no campaign 'no-such-campaign'");
    assertThatThrownBy(() -> histories.history("../etc")).isInstanceOf(NotFoundException.class);
  }
}
