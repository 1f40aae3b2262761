package org.dripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dripline.testing.AnyTimeSeries;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ops commands beyond import/run/validate, as the jar runs them (same picocli setup, same
 * exit codes), over one fixture: three subscribers, one run of the welcome on 2026-12-01.
 */
@SpringBootTest
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class OpsCommandsIntegrationTests {

  // Berlin, Los Angeles and Auckland share no morning hour: one run sends the welcome to all three
  // only without the series' local send window (the commands, not the window, are under test here).
  static final Path WORKSPACE = CommandLineIntegrationTests.workspace();
  static {
    AnyTimeSeries.stripWindow(WORKSPACE.resolve("campaigns"));
  }
  static final String CAMPAIGN = "working-mom-guilt";
  static final String FIRST_RUN = "2026-12-01T08:00:00Z";

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "ops");
    registry.add("dripline.campaigns-dir", () -> WORKSPACE.resolve("campaigns").toString());
    registry.add("dripline.templates-dir", () -> WORKSPACE.resolve("templates").toString());
  }

  @Autowired
  ApplicationContext context;

  @Autowired
  JdbcTemplate jdbc;

  // The fixture is built once for the class (the context and its database are shared).
  static String planBeforeTheRun;
  static long enrollmentsAfterThePlan;
  static String runOutput;

  @BeforeEach
  void threeSubscribersGetTheWelcome() throws IOException {
    if (runOutput != null) {
      return;
    }
    Path csv = WORKSPACE.resolve("ops.csv");
    Files.writeString(csv, """
        email,first_name,timezone,tags,returning_from_leave
        ana@example.org,Ana,Europe/Berlin,working-mom,no
        ben@example.org,Ben,America/Los_Angeles,working-mom,yes
        "cai@example.org",,Pacific/Auckland,working-mom,no
        """);
    assertThat(execute("import", "--file", csv.toString()).exitCode()).isZero();
    planBeforeTheRun = execute("plan", "--campaign", CAMPAIGN, "--as-of", FIRST_RUN).out();
    enrollmentsAfterThePlan = jdbc.queryForObject("select count(*) from enrollments", Long.class);
    CommandLineIntegrationTests.Result run = execute("run", "--campaign", CAMPAIGN, "--as-of", FIRST_RUN);
    assertThat(run.exitCode()).as(run.err()).isZero();
    runOutput = run.out();
  }

  @Test
  void planShowsWhatARunWouldSendAndWritesNothing() {
    // given the plan taken before the first run / then it promised the three welcomes and wrote nothing
    assertThat(planBeforeTheRun).contains("enroll=3 send=3 (dry run: nothing written)");
    assertThat(planBeforeTheRun).containsPattern("welcome\\s+3\\s+0\\s+0\\s+0\\s+ana@example.org ben@example.org cai@example.org");
    assertThat(enrollmentsAfterThePlan).isZero();
    // and the run then did exactly that
    assertThat(runOutput).contains("sent=3 failed=0");
  }

  @Test
  void planAfterTheRunSendsNothingMoreAtTheSameInstantButWeekOneAWeekLater() {
    // when planned again at the same instant, and a week later
    String same = execute("plan", "--campaign", CAMPAIGN, "--as-of", FIRST_RUN).out();
    String weekLater = execute("plan", "--campaign", CAMPAIGN, "--as-of", "2026-12-08T08:00:00Z").out();

    // then nothing is left now, and a week later week-1 goes to two and its daycare variant waits for Ben
    assertThat(same).contains("enroll=0 send=0");
    assertThat(weekLater).containsPattern("week-1\\s+2\\s+0\\s+1\\s+0");
  }

  @Test
  void previewShowsTheExactMessageWithItsLedgerStatusAndCanWriteFiles() throws IOException {
    // when Ana's welcome is previewed, once on screen and once into a directory
    CommandLineIntegrationTests.Result shown = execute("preview", "--campaign", CAMPAIGN, "--step", "welcome",
        "--subscriber", "ana@example.org", "--as-of", FIRST_RUN);
    Path out = Files.createTempDirectory("preview");
    CommandLineIntegrationTests.Result written = execute("preview", "--campaign", CAMPAIGN, "--step", "week-2",
        "--subscriber", "ben@example.org", "--out", out.toString());

    // then the subject is personal, the status is the ledger's, and the links are tracked
    assertThat(shown.exitCode()).as(shown.err()).isZero();
    assertThat(shown.out()).contains("Subject:  Ana, you love your kids and your career")
        .contains("Status:   sent ").contains("To:       Ana <ana@example.org>").contains("/t/c/");
    assertThat(written.exitCode()).as(written.err()).isZero();
    assertThat(written.out()).contains("Status:   not due yet: due 2026-12-15T08:00:00Z");
    assertThat(out.resolve("body.html")).content().contains("<html");
    assertThat(out.resolve("body.txt")).content().contains("Ben");
    assertThat(out.resolve("message.eml")).content().contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    assertThat(out.resolve("subject.txt")).exists();
  }

  @Test
  void previewOfAnUnknownStepOrSubscriberExitsTwoWithTheReason() {
    CommandLineIntegrationTests.Result step = execute("preview", "--campaign", CAMPAIGN, "--step", "week-9",
        "--subscriber", "ana@example.org");
    CommandLineIntegrationTests.Result person = execute("preview", "--campaign", CAMPAIGN, "--step", "welcome",
        "--subscriber", "nobody@example.org");
    CommandLineIntegrationTests.Result missing = execute("preview", "--campaign", CAMPAIGN);

    assertThat(step.exitCode()).isEqualTo(2);
    assertThat(step.err()).contains("has no step 'week-9'").contains("welcome, week-1");
    assertThat(person.exitCode()).isEqualTo(2);
    assertThat(person.err()).contains("no subscriber with the address 'nobody@example.org'");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("Missing required options");
  }

  @Test
  void timelineShowsEachStepInTheSubscribersOwnTimezone() {
    CommandLineIntegrationTests.Result result = execute("timeline", "--campaign", CAMPAIGN, "--subscriber",
        "cai@example.org");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("cai@example.org in working-mom-guilt (Pacific/Auckland): ACTIVE");
    assertThat(result.out()).containsPattern("welcome\\s+Tue 2026-12-01 21:00 Pacific/Auckland\\s+SENT");
    assertThat(result.out()).containsPattern("week-1\\s+Tue 2026-12-08 21:00 Pacific/Auckland\\s+EXPECTED");
  }

  @Test
  void jobsListsTheRunAndStopOrRestartOfAnUnknownOrFinishedRunExitsTwo() {
    CommandLineIntegrationTests.Result jobs = execute("jobs");
    long id = jdbc.queryForObject("select max(job_execution_id) from BATCH_JOB_EXECUTION", Long.class);

    assertThat(jobs.exitCode()).isZero();
    assertThat(jobs.out()).containsPattern(id + "\\s+working-mom-guilt\\s+2026-12-01T08:00:00Z\\s+COMPLETED");
    // and under it who ran it and its last heartbeat
    assertThat(jobs.out()).containsPattern("owner \\S+ pid \\d+.*, heartbeat 20\\d\\d-");
    CommandLineIntegrationTests.Result stop = execute("stop", "987654");
    assertThat(stop.exitCode()).as(stop.err()).isEqualTo(2);
    assertThat(stop.err()).contains("no run with id 987654");
    CommandLineIntegrationTests.Result restart = execute("restart", Long.toString(id));
    assertThat(restart.exitCode()).isEqualTo(2);
    assertThat(restart.err()).contains("completed: nothing to restart");
    assertThat(execute("stop", "not-a-number").exitCode()).isEqualTo(2);
  }

  @Test
  void reportCountsPerStepInEveryFormat() {
    CommandLineIntegrationTests.Result table = execute("report", "--campaign", CAMPAIGN);
    CommandLineIntegrationTests.Result csv = execute("report", "--campaign", CAMPAIGN, "--format", "csv");
    CommandLineIntegrationTests.Result json = execute("report", "--campaign", CAMPAIGN, "--format", "json");
    CommandLineIntegrationTests.Result bad = execute("report", "--campaign", CAMPAIGN, "--format", "pdf");

    assertThat(table.out()).contains("enrolled 3, sent 3").containsPattern("welcome\\s+3\\s+0\\s+0\\s+0\\s+0");
    assertThat(csv.out()).contains("step,welcome,3,0,0,0,0,0,0,0,0,0,0,");
    assertThat(json.out()).contains("\"campaignId\" : \"working-mom-guilt\"").contains("\"sent\" : 3");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("pdf");
  }

  @Test
  void exportWritesEverySubscriberInTheImportColumnsThenTheirState() throws IOException {
    Path file = Files.createTempDirectory("export").resolve("subscribers.csv");

    CommandLineIntegrationTests.Result result = execute("export", "--out", file.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).isEqualTo("email,first_name,timezone,tags,lists,returning_from_leave,status,suppression,"
        + "tracking_opt_out,consent_source,created_at,confirmed_at,campaigns");
    assertThat(lines).hasSize(4);
    assertThat(lines.get(2)).startsWith("ben@example.org,Ben,America/Los_Angeles,working-mom,,yes,ACTIVE,,false,")
        .endsWith(",working-mom-guilt=ACTIVE");
    assertThat(execute("export", "--out", file.getParent().toString()).err()).contains("is a directory");
  }

  @Test
  void exportIntoAMissingDirectorySaysWhichDirectoryIsMissingAndWritesNothing() throws IOException {
    Path base = Files.createTempDirectory("export");
    Path file = base.resolve("no-such/deeper/subscribers.csv");

    CommandLineIntegrationTests.Result result = execute("export", "--out", file.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("the directory " + base.resolve("no-such/deeper") + " does not exist")
        .contains(base.resolve("no-such") + " is missing").doesNotContain(".partial").doesNotContain("Exception");
    assertThat(base).isEmptyDirectory();
  }

  @Test
  void previewAndExportRefuseToWriteThroughALinkPlantedWhereTheFileGoes() throws IOException {
    // given an output directory where body.html (and an export file) are links to a file someone else owns
    Path out = Files.createTempDirectory("preview");
    Path victim = Files.writeString(Files.createTempDirectory("victim").resolve("important.txt"), "keep me");
    Files.createSymbolicLink(out.resolve("body.html"), victim);
    Files.createSymbolicLink(out.resolve("subscribers.csv"), victim);

    // when preview and export write there
    CommandLineIntegrationTests.Result preview = execute("preview", "--campaign", CAMPAIGN, "--step", "welcome",
        "--subscriber", "ana@example.org", "--out", out.toString());
    CommandLineIntegrationTests.Result export = execute("export", "--out", out.resolve("subscribers.csv").toString());

    // then both refuse, naming the link, and the linked file is untouched; no other file was half written
    assertThat(preview.exitCode()).isEqualTo(2);
    assertThat(preview.err()).contains("body.html").contains("symbolic link").contains(victim.toString());
    assertThat(export.exitCode()).isEqualTo(2);
    assertThat(export.err()).contains("subscribers.csv").contains("symbolic link");
    assertThat(victim).hasContent("keep me");
    assertThat(out.resolve("subject.txt")).doesNotExist();
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("body.html", "subscribers.csv");
    }
  }

  @Test
  void everyCommandExplainsItselfWithHelp() {
    for (String command : List.of("preview", "plan", "timeline", "report", "jobs", "stop", "restart", "export",
        "serve", "run")) {
      CommandLineIntegrationTests.Result help = execute(command, "--help");
      assertThat(help.exitCode()).as(command).isZero();
      assertThat(help.out()).as(command).contains("Usage: dripline " + command);
    }
  }

  CommandLineIntegrationTests.Result execute(String... args) {
    return CommandLineIntegrationTests.execute(context, args);
  }
}
