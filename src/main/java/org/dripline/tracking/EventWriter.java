package org.dripline.tracking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dripline.infra.UtcTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * Writes open and click events in batches from one background thread, so a pixel or a redirect
 * answers without waiting for an INSERT and its commit (with MySQL's default durability, an fsync
 * per request). The queue is bounded: when it is full, the request thread writes its event itself,
 * so overload slows requests down instead of dropping events or growing the heap.
 *
 * <p>What a crash can lose: events accepted but not yet written, at most the queue's content,
 * in practice what arrived during the last flush interval plus the batch being written. A graceful
 * stop (SIGTERM, context close) writes everything queued first. Unsubscribes never wait in the
 * queue: {@link #writeNow} writes them at once, in the same transaction as the suppression.
 */
class EventWriter implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EventWriter.class);
  private static final int MAX_BATCH = 1000;
  private static final int ATTEMPTS = 3;

  // One row per open or click; a user agent class, never the IP address or the full user agent.
  private static final String EVENT = """
      insert into events (delivery_id, type, occurred_at, link_id, machine, machine_reason, user_agent_class)
      values (:deliveryId, :type, :now, :linkId, :machine, :reason, :uaClass)
      """;

  /** An event as recorded; the time is when the request came, not when the row is written. */
  record Event(long deliveryId, String type, Long linkId, MachineDetector.Verdict verdict, java.time.Instant at) {
  }

  private final NamedParameterJdbcTemplate jdbc;
  private final BlockingQueue<Event> queue;
  private final Duration flushInterval;
  private final Object writing = new Object();
  private final AtomicInteger pending = new AtomicInteger();
  // Taken from the queue by the writer thread and not yet written; guarded by "writing".
  private final List<Event> held = new ArrayList<>();
  private volatile boolean running;
  private Thread thread;

  /**
   * @param capacity      events waiting at most; beyond it, requests write their own
   * @param flushInterval how long the writer waits for more events before writing what it has;
   *                      zero writes every event at once, on the request thread
   */
  EventWriter(NamedParameterJdbcTemplate jdbc, int capacity, Duration flushInterval) {
    this.jdbc = jdbc;
    this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
    this.flushInterval = flushInterval;
  }

  void record(Event event) {
    if (!running || flushInterval.isZero()) {
      write(List.of(event));
      return;
    }
    pending.incrementAndGet();
    if (!queue.offer(event)) {
      pending.decrementAndGet();
      write(List.of(event));
    } else if (!running) {
      // A stop began between the check above and the offer: its last flush may be over already.
      flush();
    }
  }

  /** Returns once every event recorded before the call is written; for tests and shutdown. */
  void flush() {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    do {
      synchronized (writing) {
        writeHeldAndQueued();
      }
      // The writer thread may have taken one from the queue and not yet handed it over: retry.
    } while (pending.get() > 0 && System.nanoTime() < deadline && yielded());
  }

  private static boolean yielded() {
    Thread.yield();
    return true;
  }

  private void drainLoop() {
    while (running || !queue.isEmpty()) {
      try {
        Event first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        synchronized (writing) {
          held.add(first);
          // Wait one interval for company (one multi-row INSERT, one commit for all of them);
          // wait() lets a flush in meanwhile, which then writes what is held too. Checked under
          // the lock stop() notifies with, so a stop never waits out a whole interval.
          if (running) {
            writing.wait(Math.max(1, flushInterval.toMillis()));
          }
          writeHeldAndQueued();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Writes what the writer thread holds and what is queued, in arrival order; callers hold the lock. */
  private void writeHeldAndQueued() {
    List<Event> batch = new ArrayList<>(held);
    held.clear();
    queue.drainTo(batch, MAX_BATCH - batch.size());
    while (!batch.isEmpty()) {
      try {
        write(batch);
      } finally {
        pending.addAndGet(-batch.size());
      }
      batch.clear();
      queue.drainTo(batch, MAX_BATCH);
    }
  }

  /**
   * Writes one event at once, on the calling thread and in its transaction, and throws if that
   * fails: for an unsubscribe, whose event commits together with the suppression or not at all.
   */
  void writeNow(Event event) {
    jdbc.update(EVENT, row(event));
  }

  private static SqlParameterSource row(Event e) {
    return new MapSqlParameterSource("deliveryId", e.deliveryId()).addValue("type", e.type())
        .addValue("now", UtcTime.toDb(e.at())).addValue("linkId", e.linkId())
        .addValue("machine", e.verdict().machine()).addValue("reason", e.verdict().reason())
        .addValue("uaClass", e.verdict().userAgentClass());
  }

  private void write(List<Event> events) {
    SqlParameterSource[] rows = events.stream().map(EventWriter::row).toArray(SqlParameterSource[]::new);
    for (int attempt = 1; ; attempt++) {
      try {
        jdbc.batchUpdate(EVENT, rows);
        return;
      } catch (RuntimeException e) {
        if (attempt >= ATTEMPTS) {
          // Reported, not thrown: the readers already got their pixel or redirect.
          log.error("{} tracking event(s) lost after {} attempts: {}", rows.length, attempt, e.getMessage());
          return;
        }
        try {
          Thread.sleep(100L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          log.error("{} tracking event(s) lost: interrupted while retrying", rows.length);
          return;
        }
      }
    }
  }

  @Override
  public void start() {
    running = true;
    if (!flushInterval.isZero()) {
      thread = new Thread(this::drainLoop, "dripline-events");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** Stops taking events into the queue and writes what is in it; requests still arriving write their own. */
  @Override
  public void stop() {
    running = false;
    synchronized (writing) {
      writing.notifyAll();
    }
    if (thread != null) {
      try {
        thread.join(Duration.ofSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    flush();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * Lower than the web server's phases: started before it takes requests, stopped after it stopped
   * taking them, and, like every lifecycle, before the data source closes.
   */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }
}
