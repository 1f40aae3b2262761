package org.dripline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.dripline.run.DripRuns;
import org.dripline.run.RunSummary;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * A template that runs away for some subscribers only (an endless loop, endless output) fails
 * those messages, with the reason in the ledger, while the run sends everyone else and completes.
 */
// The memory guard is off: a silent endless loop allocates fast, and this test is about the time limit.
@SpringBootTest(properties = {"dripline.send.threads=1", "dripline.render.timeout=2s", "dripline.render.max-allocation=0",
    "dripline.render.max-output-chars=200000"})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RunawayTemplateIntegrationTests {

  static final Path WORKSPACE = workspace();

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "runaway");
    registry.add("dripline.campaigns-dir", () -> WORKSPACE.resolve("campaigns").toString());
    registry.add("dripline.templates-dir", () -> WORKSPACE.resolve("templates").toString());
  }

  @Autowired
  DripRuns runs;
  @Autowired
  SubscriberImporter importer;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void aRunawayTemplateFailsOnlyTheMessagesItRunsAwayFor() throws Exception {
    // given two ordinary subscribers, one whose data sends the template into a silent endless loop
    // and one whose data makes it print forever
    Path csv = WORKSPACE.resolve("people.csv");
    Files.writeString(csv, "email,mode\nfirst@example.org,\nloop@example.org,loop\nflood@example.org,flood\n"
        + "last@example.org,\n");
    importer.importFile(csv, "test");

    // when the campaign runs
    RunSummary summary = runs.run("runaway", Instant.parse("2026-12-01T08:00:00Z"));

    // then the run completes, the two ordinary subscribers got their email, the other two failed with the reason
    assertThat(summary.succeeded()).as(summary.failure()).isTrue();
    assertThat(summary.sent()).isEqualTo(2);
    assertThat(summary.failed()).isEqualTo(2);
    assertThat(Arrays.stream(smtp.getReceivedMessages()).map(m -> {
      try {
        return m.getAllRecipients()[0].toString();
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    })).containsExactlyInAnyOrder("first@example.org", "last@example.org");
    assertThat(lastError("loop@example.org")).contains("took longer than 2000 ms");
    assertThat(lastError("flood@example.org")).contains("output is longer than 200000 characters");
  }

  String lastError(String email) {
    return jdbc.queryForObject("select d.last_error from deliveries d join subscribers s on s.id = d.subscriber_id"
        + " where s.email = ?", String.class, email);
  }

  static Path workspace() {
    try {
      Path root = Files.createTempDirectory("dripline-runaway");
      FileSystemUtils.copyRecursively(Path.of("templates"), root.resolve("templates"));
      Files.createDirectories(root.resolve("campaigns"));
      Files.writeString(root.resolve("campaigns/runaway.yaml"), """
          id: runaway
          name: Runaway
          from: { name: Test, address: test@example.org }
          postal_address: 1 Test Street
          steps:
            - id: welcome
              offset: P0D
              template: runaway/welcome
              subject: Hello
          """);
      Files.createDirectories(root.resolve("templates/runaway"));
      Files.writeString(root.resolve("templates/runaway/welcome.html.ftlh"), """
          <#assign mode = subscriber.attributes.mode!"">
          <#if mode == "loop"><#list 1.. as i></#list></#if>
          <#-- 10,000 characters a turn: the flood meets the output cap long before the time limit -->
          <#if mode == "flood"><#assign chunk = ""?left_pad(10000, "x")><#list 1.. as i>${chunk}</#list></#if>
          <p>Hello</p>
          """);
      Files.writeString(root.resolve("templates/runaway/welcome.txt.ftl"), "Hello\n");
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
