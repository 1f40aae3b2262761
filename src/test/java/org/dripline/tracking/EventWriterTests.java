package org.dripline.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The batched event writer against a bare events table in a private in-memory H2 database. */
class EventWriterTests {

  private static final MachineDetector.Verdict HUMAN = new MachineDetector.Verdict(false, null, "browser");
  private static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");

  JdbcTemplate jdbc;
  NamedParameterJdbcTemplate named;

  @BeforeEach
  void database() {
    jdbc = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
    jdbc.execute("""
        create table events (id bigint auto_increment primary key, delivery_id bigint not null, type varchar(20) not null,
          occurred_at timestamp(6) not null, link_id bigint, machine boolean not null, machine_reason varchar(40),
          user_agent_class varchar(40) not null)""");
    named = new NamedParameterJdbcTemplate(jdbc);
  }

  @Test
  void aFlushWritesEveryRecordedEventInTheOrderTheyCame() {
    // given a running writer with a long interval, so nothing is written by the interval alone
    EventWriter writer = new EventWriter(named, 100, Duration.ofSeconds(30));
    writer.start();

    // when three events are recorded and the writer is flushed
    writer.record(new EventWriter.Event(1, "OPEN", null, HUMAN, AT));
    writer.record(new EventWriter.Event(1, "CLICK", 7L, new MachineDetector.Verdict(true, "HEAD_REQUEST", "browser"), AT));
    writer.record(new EventWriter.Event(2, "OPEN", null, HUMAN, AT));
    writer.flush();

    // then all three are in the table, in order, with what was recorded
    assertThat(jdbc.queryForList("select delivery_id, type, link_id, machine, machine_reason from events order by id"))
        .extracting(r -> r.get("DELIVERY_ID") + ":" + r.get("TYPE") + ":" + r.get("LINK_ID") + ":" + r.get("MACHINE")
            + ":" + r.get("MACHINE_REASON"))
        .containsExactly("1:OPEN:null:false:null", "1:CLICK:7:true:HEAD_REQUEST", "2:OPEN:null:false:null");
    writer.stop();
  }

  @Test
  void stoppingWritesWhatIsStillQueued() {
    // given events waiting in the queue of a running writer
    EventWriter writer = new EventWriter(named, 100, Duration.ofSeconds(30));
    writer.start();
    for (int i = 0; i < 10; i++) {
      writer.record(new EventWriter.Event(i, "OPEN", null, HUMAN, AT));
    }

    // when the application stops
    writer.stop();

    // then none of them is lost
    assertThat(count()).isEqualTo(10);
  }

  @Test
  void aFullQueueMakesTheRequestWriteItsOwnEventInsteadOfDroppingIt() {
    // given a writer whose queue holds one event
    EventWriter writer = new EventWriter(named, 1, Duration.ofSeconds(30));
    writer.start();

    // when more events come than the queue holds
    for (int i = 0; i < 5; i++) {
      writer.record(new EventWriter.Event(i, "OPEN", null, HUMAN, AT));
    }

    // then those that found the queue full are written at once, and the rest on flush
    assertThat(count()).isBetween(3L, 5L);
    writer.flush();
    assertThat(count()).isEqualTo(5);
    writer.stop();
  }

  @Test
  void aZeroIntervalWritesEachEventBeforeRecordReturns() {
    // given a writer configured to write at once
    EventWriter writer = new EventWriter(named, 100, Duration.ZERO);
    writer.start();

    // when an event is recorded
    writer.record(new EventWriter.Event(1, "CLICK", 3L, HUMAN, AT));

    // then it is already in the table
    assertThat(jdbc.queryForList("select type from events", String.class)).isEqualTo(List.of("CLICK"));
    writer.stop();
  }

  @Test
  void eventsRecordedAfterAStopAreWrittenAtOnce() {
    // given a stopped writer (the web server may still finish a request during shutdown)
    EventWriter writer = new EventWriter(named, 100, Duration.ofSeconds(30));
    writer.start();
    writer.stop();

    // when an event is recorded
    writer.record(new EventWriter.Event(1, "OPEN", null, HUMAN, AT));

    // then it is written, not queued for a thread that is gone
    assertThat(count()).isEqualTo(1);
  }

  private long count() {
    return jdbc.queryForObject("select count(*) from events", Long.class);
  }
}
