package org.dripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.dripline.report.VersionFixture;
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
 * What `versions`, `report`, `timeline` and `preview` print about versions and subjects, over
 * {@link VersionFixture} (two versions; one subscriber on each, one not enrolled).
 */
@SpringBootTest(properties = {TestEnvironment.NO_SMTP, TestEnvironment.SHARED_H2})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class VersionCommandsIntegrationTests {

  // FreeMarker's markers: none of them may reach a report.
  static final Pattern TEMPLATE_SOURCE = Pattern.compile("<#|</#|\\$\\{");

  @Autowired
  ApplicationContext context;
  @TempDir
  Path tmp;

  VersionFixture fixture;

  @BeforeEach
  void twoVersions() {
    fixture = VersionFixture.create(context, "cli", tmp);
  }

  @Test
  void versionsListsTheHistoryOldestFirstWithTheOneInForceStarred() {
    CommandLineIntegrationTests.Result result = execute("versions", fixture.campaignId());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("Versions of working-mom-guilt (oldest first; * in force):")
        .containsPattern("\\n  1\\s+" + fixture.v1Short() + "\\s+\\S+Z\\s+first version\\s+-\\n")
        .containsPattern("\\n\\* 2\\s+" + fixture.v2Short() + "\\s+\\S+Z\\s+added step week-6\\s+by "
            + Pattern.quote(VersionFixture.ACCEPTED_BY) + " at \\S+Z \\(change c0ffee012345\\)\\n")
        .contains("File on disk: version " + fixture.v2Short() + " (in force)");
  }

  @Test
  void versionsOfAnUnknownCampaignExitsTwo() {
    CommandLineIntegrationTests.Result result = execute("versions", "no-such-campaign");
    CommandLineIntegrationTests.Result missing = execute("versions");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("no campaign 'no-such-campaign'");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(execute("versions", "--help").out()).contains("Usage: dripline versions");
  }

  @Test
  void reportShowsRenderedSubjectsAndTheHistoryInEveryFormat() {
    CommandLineIntegrationTests.Result table = execute("report", "--campaign", fixture.campaignId());
    CommandLineIntegrationTests.Result csv = execute("report", "--campaign", fixture.campaignId(), "--format", "csv");
    CommandLineIntegrationTests.Result json = execute("report", "--campaign", fixture.campaignId(), "--format", "json");

    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out()).contains("Subjects, as rendered for a sample subscriber (Sam, sample@example.com):")
        .containsPattern("\\n  welcome\\s+Sam, you love your kids and your career\\n")
        .containsPattern("\\n  week-6\\s+Sam, you can be both\\n")
        .contains("Versions of working-mom-guilt").contains(fixture.v1Short()).contains("added step week-6");
    assertThat(csv.out()).contains("bounces,url,subject\r\n");
    assertThat(csv.out()).contains("step,welcome,0,0,0,0,0,0,0,0,0,0,0,,\"Sam, you love your kids and your career\"\r\n");
    assertThat(json.out()).contains("\"subject\" : \"Sam, you love your kids and your career\"")
        .contains("\"versionHash\" : \"" + fixture.v1().versionHash() + "\"");
    for (CommandLineIntegrationTests.Result format : new CommandLineIntegrationTests.Result[] {table, csv, json}) {
      assertThat(format.out()).doesNotContainPattern(TEMPLATE_SOURCE);
    }
  }

  @Test
  void timelineSaysWhichVersionTheSubscriberFollows() {
    CommandLineIntegrationTests.Result early = execute("timeline", "--campaign", fixture.campaignId(), "--subscriber",
        fixture.early());
    CommandLineIntegrationTests.Result newcomer = execute("timeline", "--campaign", fixture.campaignId(),
        "--subscriber", fixture.newcomer());

    assertThat(early.exitCode()).as(early.err()).isZero();
    assertThat(early.out()).contains("  follows version " + fixture.v1Short() + " (in force since ")
        .contains("; the version in force now is " + fixture.v2Short() + ")").contains("week-5").doesNotContain("week-6");
    assertThat(newcomer.out()).contains("  not enrolled: would follow the file on disk (version " + fixture.v2Short() + ")")
        .contains("week-6");
  }

  @Test
  void previewSaysWhichVersionTheSubscriberFollows() {
    CommandLineIntegrationTests.Result late = execute("preview", "--campaign", fixture.campaignId(), "--step", "welcome",
        "--subscriber", fixture.late(), "--as-of", "2026-12-01T08:00:00Z");
    CommandLineIntegrationTests.Result newcomer = execute("preview", "--campaign", fixture.campaignId(), "--step",
        "welcome", "--subscriber", fixture.newcomer());

    assertThat(late.exitCode()).as(late.err()).isZero();
    assertThat(late.out()).contains("Version:  follows version " + fixture.v2Short() + " (in force since ")
        .contains("Subject:  Lou, you love your kids and your career");
    assertThat(newcomer.out()).contains("Version:  not enrolled: would follow the file on disk (version "
        + fixture.v2Short() + ")");
  }

  CommandLineIntegrationTests.Result execute(String... args) {
    return CommandLineIntegrationTests.execute(context, args);
  }
}
