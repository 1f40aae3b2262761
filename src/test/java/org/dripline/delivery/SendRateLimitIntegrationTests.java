package org.dripline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.dripline.run.DripRuns;
import org.dripline.run.RunSummary;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.DiscardingMailbox;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The global and per-domain rates hold across both sending threads: arrivals at the server can
 * never come faster than the buckets allow (a one-second burst, then the refill rate).
 */
@SpringBootTest(properties = {"dripline.send.threads=2", "dripline.send.rate-per-second=20",
    "dripline.send.domain-rates[example.net]=5"})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SendRateLimitIntegrationTests {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "rates");
  }

  @Autowired
  DripRuns runs;
  @Autowired
  SubscriberImporter importer;

  @Test
  void neverSendsFasterThanTheGlobalAndDomainRates() throws Exception {
    // given 50 subscribers at example.org and 10 at example.net, and a server noting arrival times
    StringBuilder csv = new StringBuilder("email,tags\n");
    for (int i = 0; i < 50; i++) {
      csv.append("org").append(i).append("@example.org,working-mom\n");
    }
    for (int i = 0; i < 10; i++) {
      csv.append("net").append(i).append("@example.net,working-mom\n");
    }
    Path file = Files.createTempFile("rates", ".csv");
    Files.writeString(file, csv);
    importer.importFile(file, "test");
    List<long[]> arrivals = new CopyOnWriteArrayList<>();
    smtp.getUserManager().setMessageDeliveryHandler((message, address) -> DiscardingMailbox.user(m ->
        arrivals.add(new long[] {System.nanoTime(), address.getEmail().endsWith("@example.net") ? 1 : 0})));

    // when the 60 welcomes are sent
    RunSummary summary = runs.run("working-mom-guilt", Instant.parse("2026-12-01T14:00:00Z"));

    // then 20 + 20/s globally means at least 2 s for 60 messages, and 5 + 5/s for example.net at least 1 s
    assertThat(summary.sent()).isEqualTo(60);
    assertThat(spanMillis(arrivals)).isGreaterThanOrEqualTo(1900);
    assertThat(spanMillis(arrivals.stream().filter(a -> a[1] == 1).toList())).isGreaterThanOrEqualTo(950);
  }

  static long spanMillis(List<long[]> arrivals) {
    long first = arrivals.stream().mapToLong(a -> a[0]).min().orElse(0);
    long last = arrivals.stream().mapToLong(a -> a[0]).max().orElse(0);
    return (last - first) / 1_000_000;
  }
}
