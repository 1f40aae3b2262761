package org.dripline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dripline.report.TimelineView;
import org.dripline.report.Timelines;
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
 * Issue 13, item 1: poison subscribers (data that makes the template recurse without end, double a
 * string, read an address as a number, print forever), spread over the partitions, fail their own
 * delivery only, FAILED at once with the reason in the ledger and the timeline; the run completes
 * and everyone else is sent, including a first name that looks like template code.
 */
@SpringBootTest(properties = {"dripline.send.threads=4", "dripline.render.timeout=10s", "dripline.render.max-allocation=64MB",
    "dripline.render.max-output-chars=200000"})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PoisonMessageIntegrationTests {

  static final int AUDIENCE = 300;
  // Spread over the id range, so over the four partitions the send step splits it into.
  static final Map<Integer, String> POISON = Map.of(10, "recurse", 80, "double", 150, "number", 220, "flood", 290, "recurse");

  static final Path WORKSPACE = workspace();

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "poison");
    registry.add("dripline.campaigns-dir", () -> WORKSPACE.resolve("campaigns").toString());
    registry.add("dripline.templates-dir", () -> WORKSPACE.resolve("templates").toString());
  }

  @Autowired
  DripRuns runs;
  @Autowired
  SubscriberImporter importer;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  Timelines timelines;

  @Test
  void fivePoisonSubscribersFailAloneAndTheRunSendsEveryoneElse() throws Exception {
    // given 300 subscribers, five of them poison spread over the partitions, one named like template code
    Path csv = WORKSPACE.resolve("people.csv");
    try (BufferedWriter out = Files.newBufferedWriter(csv)) {
      out.write("email,first_name,mode\n");
      for (int i = 0; i < AUDIENCE; i++) {
        String name = i == 5 ? "${7*7}" : i == 6 ? "<#macro r><@r/></#macro><@r/>" : "Reader " + i;
        out.write("reader" + i + "@example.org,\"" + name + "\"," + POISON.getOrDefault(i, "") + "\n");
      }
    }
    assertThat(importer.importFile(csv, "test").imported()).isEqualTo(AUDIENCE);

    // when the campaign runs
    long start = System.nanoTime();
    RunSummary summary = runs.run("poison", Instant.parse("2026-12-01T08:00:00Z"));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // then the run completes, 295 sent, the 5 poison deliveries FAILED with their reasons
    assertThat(summary.succeeded()).as(summary.failure()).isTrue();
    assertThat(summary.sent()).isEqualTo(AUDIENCE - POISON.size());
    assertThat(summary.failed()).isEqualTo(POISON.size());
    assertThat(smtp.getReceivedMessages()).hasSize(AUDIENCE - POISON.size());
    assertThat(jdbc.queryForList("select s.email from deliveries d join subscribers s on s.id = d.subscriber_id"
        + " where d.status = 'FAILED' order by s.email", String.class))
        .containsExactlyInAnyOrderElementsOf(POISON.keySet().stream().map(i -> "reader" + i + "@example.org").toList());
    assertThat(lastError(10)).contains("recursion deeper than the stack allows");
    assertThat(lastError(290)).contains("recursion deeper than the stack allows");
    assertThat(lastError(80)).contains("allocated more than");
    assertThat(lastError(150)).contains("poison/welcome.html.ftlh").contains("number");
    assertThat(lastError(220)).contains("output is longer than 200000 characters");
    // and the reason is what timeline shows for that step
    TimelineView timeline = timelines.timeline("poison", "reader10@example.org");
    assertThat(timeline.steps()).anySatisfy(e -> {
      assertThat(e.status()).isEqualTo("FAILED");
      assertThat(e.detail()).contains("recursion deeper than the stack allows");
    });
    // and the names that look like template code went out as written
    List<String> subjects = Arrays.stream(smtp.getReceivedMessages()).map(m -> {
      try {
        return m.getSubject();
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
    assertThat(subjects).contains("Hi ${7*7}", "Hi <#macro r><@r/></#macro><@r/>").doesNotContain("Hi 49");
    System.out.println("poison run of " + AUDIENCE + " took " + took.toMillis() + " ms");
  }

  String lastError(int reader) {
    return jdbc.queryForObject("select d.last_error from deliveries d join subscribers s on s.id = d.subscriber_id"
        + " where s.email = ?", String.class, "reader" + reader + "@example.org");
  }

  static Path workspace() {
    try {
      Path root = Files.createTempDirectory("dripline-poison");
      FileSystemUtils.copyRecursively(Path.of("templates"), root.resolve("templates"));
      Files.createDirectories(root.resolve("campaigns"));
      Files.writeString(root.resolve("campaigns/poison.yaml"), """
          id: poison
          name: Poison
          from: { name: Test, address: test@example.org }
          postal_address: 1 Test Street
          steps:
            - id: welcome
              offset: P0D
              template: poison/welcome
              subject: "Hi ${subscriber.firstName}"
          """);
      Files.createDirectories(root.resolve("templates/poison"));
      // Each mode is ordinary template code that only data sends out of bounds.
      Files.writeString(root.resolve("templates/poison/welcome.html.ftlh"), """
          <#assign mode = subscriber.attributes.mode!"">
          <#macro down n><#if mode == "recurse"><@down n + 1/></#if></#macro><@down 0/>
          <#if mode == "double"><#assign s = "x"><#list 1..40 as i><#assign t = s><#assign s = s + t></#list>${s?length}</#if>
          <#if mode == "number">${subscriber.email?number}</#if>
          <#if mode == "flood"><#list 1.. as i>${subscriber.email}</#list></#if>
          <p>Hello ${subscriber.firstName}</p>
          """);
      Files.writeString(root.resolve("templates/poison/welcome.txt.ftl"), "Hello ${subscriber.firstName}\n");
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
