package org.dripline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dripline.run.DripRuns;
import org.dripline.run.RunSummary;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.DiscardingMailbox;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Ten thousand subscribers through import, enrollment, planning and the partitioned send step.
 * The SMTP server counts delivery ids and discards the messages, so the test's own memory stays
 * small; the engine's memory is bounded by its page and chunk sizes, not by the audience.
 */
@SpringBootTest(properties = {"dripline.send.threads=2", "dripline.send.planning-range=2500"})
@ActiveProfiles("test")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LargeAudienceIntegrationTests {

  static final int AUDIENCE = 10_000;

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "large");
  }

  @Autowired
  DripRuns runs;
  @Autowired
  SubscriberImporter importer;
  @Autowired
  JdbcTemplate jdbc;
  @TempDir
  Path tmp;

  @Test
  void sendsTheWelcomeToTenThousandSubscribersOnceEach() throws Exception {
    // given ten thousand subscribers and a server that only counts what it receives
    Path csv = tmp.resolve("audience.csv");
    try (BufferedWriter out = Files.newBufferedWriter(csv)) {
      out.write("email,first_name,timezone,tags,country\n");
      for (int i = 0; i < AUDIENCE; i++) {
        out.write("reader" + i + "@example.org," + (i % 3 == 0 ? "" : "Reader " + i) + ",Europe/Berlin,working-mom,DE\n");
      }
    }
    assertThat(importer.importFile(csv, "test").imported()).isEqualTo(AUDIENCE);
    Set<String> deliveryIds = ConcurrentHashMap.newKeySet();
    AtomicInteger duplicates = new AtomicInteger();
    smtp.getUserManager().setMessageDeliveryHandler((message, address) -> countingUser(deliveryIds, duplicates));

    // when the first run happens
    RunSummary summary = runs.run("working-mom-guilt", Instant.parse("2026-12-01T08:00:00Z"));

    // then everyone got the welcome exactly once, and the ledger says so
    assertThat(summary.succeeded()).as(summary.failure()).isTrue();
    assertThat(summary.enrolled()).isEqualTo(AUDIENCE);
    assertThat(summary.planned()).isEqualTo(AUDIENCE);
    assertThat(summary.sent()).isEqualTo(AUDIENCE);
    assertThat(deliveryIds).hasSize(AUDIENCE);
    assertThat(duplicates).hasValue(0);
    assertThat(jdbc.queryForObject("select count(*) from deliveries where status = 'SENT'", Long.class))
        .isEqualTo(AUDIENCE);
  }

  /** A mailbox that records the delivery header and keeps nothing. */
  static GreenMailUser countingUser(Set<String> deliveryIds, AtomicInteger duplicates) {
    return DiscardingMailbox.user(message -> {
      try {
        if (!deliveryIds.add(message.getHeader("X-Dripline-Delivery")[0])) {
          duplicates.incrementAndGet();
        }
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
