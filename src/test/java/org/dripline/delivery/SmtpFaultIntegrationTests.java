package org.dripline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dripline.run.DripRuns;
import org.dripline.run.RunSummary;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.DiscardingMailbox;
import org.dripline.testing.SubscriberFiles;
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

/**
 * A server answering 451 to one attempt in ten: every run completes, deferred messages come back
 * after their backoff, all arrive exactly once in the end, and no message uses more than the
 * configured attempts.
 */
@SpringBootTest(properties = {"dripline.send.max-attempts=6", "dripline.send.retry-delay=10m"})
@ActiveProfiles("test")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SmtpFaultIntegrationTests {

  static final int AUDIENCE = 300;

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "faults");
  }

  @Autowired
  DripRuns runs;
  @Autowired
  SubscriberImporter importer;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void deliversEverythingExactlyOnceDespiteTenPercentTemporaryFailures() throws Exception {
    // given 300 subscribers and a server that defers one attempt in ten
    importer.importFile(SubscriberFiles.tagged("fault", AUDIENCE), "test");
    Random random = new Random(451);
    Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
    AtomicInteger deferrals = new AtomicInteger();
    smtp.getUserManager().setMessageDeliveryHandler((message, address) -> {
      if (random.nextInt(10) == 0) {
        deferrals.incrementAndGet();
        throw new IllegalStateException("try again later");
      }
      arrivals.computeIfAbsent(message.getMessage().getHeader("X-Dripline-Delivery")[0], k -> new AtomicInteger())
          .incrementAndGet();
      return DiscardingMailbox.user(m -> { });
    });

    // when the drip runs every 15 minutes for two hours
    Instant start = Instant.parse("2026-12-01T14:00:00Z");
    for (int run = 0; run < 8; run++) {
      RunSummary summary = runs.run("working-mom-guilt", start.plus(Duration.ofMinutes(15L * run)));
      assertThat(summary.succeeded()).as(summary.failure()).isTrue();
    }

    // then every welcome arrived exactly once, after about 30 deferrals, within the attempt bound
    assertThat(deferrals.get()).isBetween(10, 80);
    assertThat(arrivals).hasSize(AUDIENCE);
    assertThat(arrivals.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    assertThat(jdbc.queryForObject("select count(*) from deliveries where status = 'SENT'", Long.class)).isEqualTo(AUDIENCE);
    assertThat(jdbc.queryForObject("select max(attempts) from deliveries", Integer.class)).isLessThanOrEqualTo(6);
  }
}
