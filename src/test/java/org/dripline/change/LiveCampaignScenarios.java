package org.dripline.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dripline.campaign.CampaignVersions;
import org.dripline.run.DripRuns;
import org.dripline.run.RunOptions;
import org.dripline.run.RunSummary;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.TemplateDirectories;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The scenario over real SMTP: a series in flight (welcome on day 0, week-1 on day 7),
 * then the file renames welcome to welcome-v2 and inserts intro at P3D. Without a declared move
 * the run refuses until the change is accepted, and then nobody in flight gets welcome again or
 * intro out of order; with the move declared it is safe and the ledger follows the rename.
 * {@link LiveCampaignIntegrationTests} runs these on H2, {@link LiveCampaignMySqlIntegrationTests}
 * over Connector/J against MariaDB.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
abstract class LiveCampaignScenarios {

  static final Instant DAY_0 = Instant.parse("2026-12-01T08:00:00Z");
  static final List<String> IN_FORCE = List.of("welcome@P0D", "week-1@P7D", "week-2@P14D");
  static final List<String> EDITED = List.of("welcome-v2@P0D=welcome", "intro@P3D", "week-1@P7D", "week-2@P14D");
  static final Path CAMPAIGNS = directory("live-campaigns");
  static final Path TEMPLATES = TemplateDirectories.withLayouts("live-templates", "series",
      List.of("welcome", "intro", "week-1", "week-2", "week-3", "week-4", "week-5"));
  static final String READERS = "email,tags\nann@example.org,reader\nbob@example.org,reader\ncy@example.org,reader\n";

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void directories(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    registry.add("dripline.campaigns-dir", CAMPAIGNS::toString);
    registry.add("dripline.templates-dir", TEMPLATES::toString);
  }

  @Autowired
  DripRuns runs;
  @Autowired
  LiveChanges changes;
  @Autowired
  CampaignVersions versions;
  @Autowired
  SubscriberImporter importer;
  @Autowired
  JdbcTemplate jdbc;
  @org.springframework.boot.test.web.server.LocalServerPort
  int port;

  @BeforeEach
  void empty() throws Exception {
    smtp.purgeEmailFromAllMailboxes();
    TestEnvironment.emptyTables(jdbc);
  }

  @Test
  void anUndeclaredRenameAndInsertIsRefusedThenAcceptedAndNobodyInFlightGetsWelcomeAgainOrIntroOutOfOrder()
      throws Exception {
    // given three readers who had welcome (day 0) and week-1 (day 7)
    String id = "live-" + UUID.randomUUID().toString().substring(0, 8);
    inFlight(id);

    // when the file renames welcome and inserts intro without a changes: block
    SeriesFiles.write(CAMPAIGNS, id, EDITED, null);
    ChangeReport diff = changes.diff(id, DAY_0.plus(Duration.ofDays(9)));
    int rowsBefore = ledgerRows(id);

    // then diff names the hazards, and a run refuses with one line naming the first and the command
    assertThat(diff.safe()).isFalse();
    assertThat(diff.hazards()).extracting(ChangeReport.Hazard::stepId).containsExactlyInAnyOrder("welcome-v2", "intro");
    assertThatThrownBy(() -> runs.run(id, DAY_0.plus(Duration.ofDays(9))))
        .isInstanceOf(HazardousChangeException.class)
        .hasMessageContaining("3 people would never get step")
        .hasMessageContaining("diff --campaign " + id)
        .hasMessageContaining("--accept-change " + diff.changeHash());
    assertThat(ledgerRows(id)).isEqualTo(rowsBefore);

    // when the change is accepted, a newcomer arrives, and runs go on to day 14
    run(id, DAY_0.plus(Duration.ofDays(9)), new RunOptions(false, false, diff.changeHash(), "test:marketer"));
    importSubscribers("email,tags\ndee@example.org,reader\n");
    for (int day : new int[] {10, 12, 14}) {
      run(id, DAY_0.plus(Duration.ofDays(day)), RunOptions.NONE);
    }

    // then the three had welcome, week-1, week-2 once each; the newcomer follows the new steps
    assertThat(subjectsOf("ann@example.org")).containsExactly("welcome", "week-1", "week-2");
    assertThat(subjectsOf("cy@example.org")).containsExactly("welcome", "week-1", "week-2");
    assertThat(subjectsOf("dee@example.org")).containsExactly("welcome-v2", "intro");
    // and the web view of ann's welcome still opens, though the file no longer has that step
    java.net.http.HttpResponse<String> view = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(webView("ann@example.org", "welcome")).GET().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(view.statusCode()).isEqualTo(200);
    assertThat(view.body()).contains("This is welcome.");
    assertThat(versions.inForce(id)).hasValueSatisfying(v -> {
      assertThat(v.acceptedChange()).isEqualTo(diff.changeHash());
      assertThat(v.acceptedBy()).isEqualTo("test:marketer");
      assertThat(v.summary()).contains("welcome-v2").contains("accepted: 3 people would never get step");
    });
  }

  @Test
  void aDeclaredRenameAndSkipIsSafeTheLedgerFollowsTheRenameAndIntroIsSkippedForThoseInFlight() throws Exception {
    // given three readers in flight, one of whom had only welcome (joined later)
    String id = "live-" + UUID.randomUUID().toString().substring(0, 8);
    inFlight(id);

    // when the file declares the move: welcome renamed, new steps behind them skipped
    SeriesFiles.write(CAMPAIGNS, id, EDITED, "rename: {welcome: welcome-v2}\nnew_steps_for_enrolled: skip");
    ChangeReport diff = changes.diff(id, DAY_0.plus(Duration.ofDays(9)));
    for (int day : new int[] {9, 10, 14}) {
      run(id, DAY_0.plus(Duration.ofDays(day)), RunOptions.NONE);
    }

    // then it was safe, and each had every step once, in order: week-2 after week-1, no intro
    assertThat(diff.safe()).as("%s", diff.hazards()).isTrue();
    assertThat(subjectsOf("bob@example.org")).containsExactly("welcome", "week-1", "week-2");
    assertThat(jdbc.queryForList("select concat(step_id, ':', status) from deliveries where campaign_id = ?"
        + " and subscriber_id = (select id from subscribers where email = 'bob@example.org') order by step_id",
        String.class, id)).containsExactly("intro:SKIPPED", "week-1:SENT", "week-2:SENT", "welcome-v2:SENT");
    assertThat(jdbc.queryForList("select distinct version_hash from enrollments where campaign_id = ?", String.class, id))
        .containsExactly(diff.onDisk());
  }

  @Test
  void aContentFixReachesThoseWhoHaveNotHadTheStepAndNeedsNoDecision() throws Exception {
    // given three readers in flight
    String id = "live-" + UUID.randomUUID().toString().substring(0, 8);
    inFlight(id);

    // when week-2's subject is fixed and the day-14 run goes
    Files.writeString(CAMPAIGNS.resolve(id + ".yaml"), SeriesFiles.yaml(id, IN_FORCE, null)
        .replace("subject: \"week-2 for", "subject: \"Week two for"));
    assertThat(changes.diff(id, DAY_0.plus(Duration.ofDays(9))).safe()).isTrue();
    run(id, DAY_0.plus(Duration.ofDays(14)), RunOptions.NONE);

    // then they get the fixed subject
    assertThat(subjectsOf("ann@example.org")).containsExactly("welcome", "week-1", "Week two");
  }

  private void inFlight(String id) throws Exception {
    SeriesFiles.write(CAMPAIGNS, id, IN_FORCE, null);
    importSubscribers(READERS);
    run(id, DAY_0, RunOptions.NONE);
    run(id, DAY_0.plus(Duration.ofDays(7)), RunOptions.NONE);
    assertThat(subjectsOf("ann@example.org")).containsExactly("welcome", "week-1");
  }

  private void run(String id, Instant at, RunOptions options) {
    RunSummary summary = runs.run(id, at, options);
    assertThat(summary.succeeded()).as(summary.line()).isTrue();
  }

  /** The "view in browser" link of the email that step sent to that address, on this test's server. */
  private java.net.URI webView(String email, String step) throws Exception {
    MimeMessage message = Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> recipient(m).equals(email) && subject(m).startsWith(step + " for")).findFirst().orElseThrow();
    java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"https?://[^/\"]+(/v/[^\"]+)\"")
        .matcher(com.icegreen.greenmail.util.GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "="));
    assertThat(link.find()).as("a web view link in the %s email", step).isTrue();
    return java.net.URI.create("http://localhost:" + port + link.group(1).replace("&amp;", "&"));
  }

  private int ledgerRows(String id) {
    return jdbc.queryForObject("select count(*) from deliveries where campaign_id = ?", Integer.class, id);
  }

  /** The first word of each subject this address received (the step's id), in the order they arrived. */
  private List<String> subjectsOf(String email) throws Exception {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> recipient(m).equals(email))
        .map(m -> subject(m).split(" for ")[0]).toList();
  }

  private void importSubscribers(String csv) throws IOException {
    Path file = Files.createTempFile("live-readers", ".csv");
    Files.writeString(file, csv);
    assertThat(importer.importFile(file, "test").rejected()).isZero();
  }

  private static String recipient(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path directory(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
