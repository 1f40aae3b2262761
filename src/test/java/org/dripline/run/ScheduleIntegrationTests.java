package org.dripline.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dripline.DriplineApplication;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.MariaDbServer;
import org.dripline.testing.ScriptedSmtpServer;
import org.dripline.testing.SubscriberFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two `serve` instances on one MySQL-protocol database tick their schedules at the same moments:
 * the series' hourly schedule starts exactly one run per slot, never two runs of the campaign at
 * once, and every welcome arrives once.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ScheduleIntegrationTests {

  @Test
  void twoInstancesStartExactlyOneRunPerSlotAndNeverOverlap() throws Exception {
    // given two instances with the hourly schedule, a slow SMTP server and 100 subscribers
    String url = MariaDbServer.newDatabaseUrl();
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of(), 20);
         ConfigurableApplicationContext first = instance(url, smtp.port());
         ConfigurableApplicationContext second = instance(url, smtp.port())) {
      first.getBean(SubscriberImporter.class).importFile(SubscriberFiles.tagged("early", 100), "test");
      RunScheduler a = first.getBean(RunScheduler.class);
      RunScheduler b = second.getBean(RunScheduler.class);

      // when both tick at 14:20 (09:20 in New York, inside the series' window), then both again at 14:40
      List<Long> at1420 = both(a, b, Instant.parse("2026-12-01T14:20:00Z"));
      awaitIdle(first);
      List<Long> at1440 = both(a, b, Instant.parse("2026-12-01T14:40:00Z"));

      // then one run started for the 14:00 slot, and the slot was not run again
      assertThat(at1420).hasSize(1);
      assertThat(at1440).isEmpty();
      assertThat(smtp.accepted).hasSize(100);

      // when 100 more people arrive, the 15:00 slot starts, and 16:00 comes while it is still sending
      first.getBean(SubscriberImporter.class).importFile(SubscriberFiles.tagged("late", 100), "test");
      List<Long> at1505 = both(a, b, Instant.parse("2026-12-01T15:05:00Z"));
      List<Long> at1601 = both(a, b, Instant.parse("2026-12-01T16:01:00Z"));
      awaitIdle(first);

      // then the 16:00 slot was skipped rather than run beside it, and everyone got one welcome
      assertThat(at1505).hasSize(1);
      assertThat(at1601).isEmpty();
      assertThat(first.getBean(JobRepository.class).getJobInstances("dripRunJob", 0, 10)).hasSize(2);
      assertThat(smtp.accepted).hasSize(200);
      assertThat(smtp.accepted.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    }
  }

  static List<Long> both(RunScheduler a, RunScheduler b, Instant now) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Callable<List<Long>>> ticks = List.of(() -> a.tick(now), () -> b.tick(now));
      List<Long> started = new java.util.ArrayList<>();
      for (Future<List<Long>> result : pool.invokeAll(ticks)) {
        started.addAll(result.get());
      }
      return started;
    } finally {
      pool.shutdown();
    }
  }

  static void awaitIdle(ConfigurableApplicationContext context) {
    JobRepository repository = context.getBean(JobRepository.class);
    await("no dripRunJob running").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
        .until(() -> repository.findRunningJobExecutions("dripRunJob").isEmpty());
  }

  static ConfigurableApplicationContext instance(String url, int port) {
    // The schedule is on, but its own timer waits an hour: the test drives tick() with chosen instants.
    return new SpringApplicationBuilder(DriplineApplication.class)
        .web(WebApplicationType.NONE)
        .profiles("test")
        .run("--spring.datasource.url=" + url, "--spring.datasource.username=root", "--spring.datasource.password=",
            "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + port, "--dripline.send.threads=2",
            "--dripline.schedule.enabled=true", "--dripline.schedule.tick=PT1H");
  }
}
