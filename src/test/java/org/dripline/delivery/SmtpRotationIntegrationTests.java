package org.dripline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.dripline.run.DripRuns;
import org.dripline.run.RunSummary;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.ScriptedSmtpServer;
import org.dripline.testing.SubscriberFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Three configured SMTP servers, one of them down: it is left out and the others carry the run. */
@SpringBootTest(properties = {"dripline.send.threads=2", "dripline.send.messages-per-connection=10"})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SmtpRotationIntegrationTests {

  static final ScriptedSmtpServer FIRST = server();
  static final ScriptedSmtpServer SECOND = server();
  static final int DOWN = SmtpOutageIntegrationTests.freePort();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("dripline.smtp.servers[0].host", () -> "127.0.0.1");
    registry.add("dripline.smtp.servers[0].port", FIRST::port);
    registry.add("dripline.smtp.servers[1].host", () -> "127.0.0.1");
    registry.add("dripline.smtp.servers[1].port", () -> DOWN);
    registry.add("dripline.smtp.servers[2].host", () -> "127.0.0.1");
    registry.add("dripline.smtp.servers[2].port", SECOND::port);
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:rotation-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @Autowired
  DripRuns runs;
  @Autowired
  SubscriberImporter importer;

  @AfterAll
  static void stop() throws Exception {
    FIRST.close();
    SECOND.close();
  }

  @Test
  void leavesOutTheServerThatIsDownAndDeliversThroughTheOthers() throws Exception {
    // given 200 subscribers and three servers, the second refusing connections
    importer.importFile(SubscriberFiles.tagged("rot", 200), "test");

    // when the welcome goes out, connections recycled every 10 messages
    RunSummary summary = runs.run("working-mom-guilt", Instant.parse("2026-12-01T14:00:00Z"));

    // then the run completed, both healthy servers carried part of it, and nothing arrived twice
    assertThat(summary.succeeded()).as(summary.failure()).isTrue();
    assertThat(summary.sent()).isEqualTo(200);
    assertThat(FIRST.accepted).isNotEmpty();
    assertThat(SECOND.accepted).isNotEmpty();
    assertThat(FIRST.accepted.size() + SECOND.accepted.size()).isEqualTo(200);
    assertThat(FIRST.accepted.keySet()).doesNotContainAnyElementsOf(SECOND.accepted.keySet());
  }

  static ScriptedSmtpServer server() {
    try {
      return new ScriptedSmtpServer(Set.of());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
