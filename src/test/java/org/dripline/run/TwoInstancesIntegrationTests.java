package org.dripline.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dripline.DriplineApplication;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.DiscardingMailbox;
import org.dripline.testing.MariaDbServer;
import org.dripline.testing.SubscriberFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Dripline instances (two application contexts, two connection pools) on one MySQL-protocol
 * database run the same campaign at the same moment: the claims decide, every delivery is sent
 * exactly once, and neither instance fails.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TwoInstancesIntegrationTests {

  static final int AUDIENCE = 1_000;

  @Test
  void twoInstancesRunningAtOnceSendEveryDeliveryExactlyOnce() throws Exception {
    // given two instances sharing a database and an SMTP server, and 1,000 subscribers
    String url = MariaDbServer.newDatabaseUrl();
    int port = CrashRecoveryIntegrationTests.freePort();
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
    smtp.getUserManager().setMessageDeliveryHandler((message, address) -> {
      arrivals.computeIfAbsent(message.getMessage().getHeader("X-Dripline-Delivery")[0], k -> new AtomicInteger())
          .incrementAndGet();
      return DiscardingMailbox.user(m -> { });
    });
    try (ConfigurableApplicationContext first = instance(url, port);
         ConfigurableApplicationContext second = instance(url, port)) {
      Path csv = SubscriberFiles.tagged("two", AUDIENCE);
      first.getBean(SubscriberImporter.class).importFile(csv, "test");

      // when both run the campaign at the same moment (different asOf: two separate runs)
      ExecutorService pool = Executors.newFixedThreadPool(2);
      Callable<RunSummary> a = () -> first.getBean(DripRuns.class).run("working-mom-guilt", Instant.parse("2026-12-01T14:00:00Z"));
      Callable<RunSummary> b = () -> second.getBean(DripRuns.class).run("working-mom-guilt", Instant.parse("2026-12-01T14:00:01Z"));
      List<Future<RunSummary>> results = pool.invokeAll(List.of(a, b));
      pool.shutdown();

      // then both completed, between them they sent each welcome once, and none arrived twice
      RunSummary one = results.get(0).get();
      RunSummary two = results.get(1).get();
      assertThat(one.succeeded()).as(one.failure()).isTrue();
      assertThat(two.succeeded()).as(two.failure()).isTrue();
      assertThat(one.sent() + two.sent()).isEqualTo(AUDIENCE);
      assertThat(arrivals).hasSize(AUDIENCE);
      assertThat(arrivals.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    } finally {
      smtp.stop();
    }
  }

  static ConfigurableApplicationContext instance(String url, int port) {
    return new SpringApplicationBuilder(DriplineApplication.class)
        .web(WebApplicationType.NONE)
        .profiles("test")
        .run("--spring.datasource.url=" + url, "--spring.datasource.username=root", "--spring.datasource.password=",
            "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + port, "--dripline.send.threads=2");
  }
}
