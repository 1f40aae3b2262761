package org.dripline.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dripline.DriplineApplication;
import org.dripline.infra.ConflictException;
import org.dripline.infra.NotFoundException;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.ScriptedSmtpServer;
import org.dripline.testing.SubscriberFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A run started in the background, stopped by id while it sends and restarted by id: the stop
 * lets the chunk in hand finish, nothing is ambiguous, and the restart sends exactly the rest.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RunControlIntegrationTests {

  static final int AUDIENCE = 300;

  @Test
  void aStoppedRunEndsStoppedAndItsRestartSendsExactlyTheRest() throws Exception {
    // given 300 subscribers and a server that takes 20 ms per message
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of(), 20);
         ConfigurableApplicationContext app = instance(smtp.port())) {
      app.getBean(SubscriberImporter.class).importFile(SubscriberFiles.tagged("control", AUDIENCE), "test");
      RunControl control = app.getBean(RunControl.class);

      // when a run is started, returns at once, and is stopped after 40 messages
      RunView started = control.start("working-mom-guilt", Instant.parse("2026-12-01T14:00:00Z"));
      assertThat(started.running()).isTrue();
      await("40 messages accepted").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5))
          .until(() -> smtp.accepted.size() >= 40);
      control.stop(started.id());
      RunView stopped = awaitEnd(control, started.id());

      // then it ended STOPPED part of the way, with what was sent recorded and nothing ambiguous
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      assertThat(stopped.status()).isEqualTo("STOPPED");
      assertThat(smtp.accepted.size()).isBetween(40, AUDIENCE - 1);
      assertThat(jdbc.queryForObject("select count(*) from deliveries where status = 'SENT'", Integer.class))
          .isEqualTo(smtp.accepted.size());
      assertThat(jdbc.queryForObject("select count(*) from deliveries where status = 'SENDING'", Integer.class))
          .as(jdbc.queryForList("select * from deliveries where status = 'SENDING'").toString()).isZero();
      assertThatThrownBy(() -> control.stop(started.id())).isInstanceOf(ConflictException.class)
          .hasMessageContaining("is not running");

      // when it is restarted by id
      RunView restarted = control.restart(started.id(), false);
      RunView done = awaitEnd(control, restarted.id());

      // then the same run instance completes, and every welcome arrived exactly once
      assertThat(done.status()).isEqualTo("COMPLETED");
      assertThat(smtp.accepted).hasSize(AUDIENCE);
      assertThat(smtp.accepted.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
      assertThat(control.recent(5)).extracting(RunView::id).containsExactly(restarted.id(), started.id());
      assertThatThrownBy(() -> control.restart(restarted.id(), false)).isInstanceOf(ConflictException.class)
          .hasMessageContaining("nothing to restart");
      assertThatThrownBy(() -> control.find(424242).orElseThrow(() -> new NotFoundException("x")))
          .isInstanceOf(NotFoundException.class);
    }
  }

  static RunView awaitEnd(RunControl control, long id) {
    return await("run " + id + " to end").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
        .until(() -> control.find(id).orElseThrow(), view -> !view.running());
  }

  static ConfigurableApplicationContext instance(int port) {
    return new SpringApplicationBuilder(DriplineApplication.class)
        .web(WebApplicationType.NONE)
        .profiles("test")
        .run("--spring.datasource.url=jdbc:h2:mem:control-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
            "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + port, "--dripline.send.threads=2",
            "--dripline.send.chunk-size=10");
  }
}
