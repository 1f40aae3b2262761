package org.dripline.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A graceful stop (SIGTERM, Ctrl+C, context close): the first thing to stop, before the database
 * pool closes. Runs have had {@code run.StopRunsOnShutdown} first (up to 30 s to end STOPPED, as
 * {@code stop ID} does); this is the fallback for one still going: no new message is claimed,
 * messages already claimed finish and are recorded, the run ends FAILED ("stopped") and restarts
 * normally, with nothing left ambiguous.
 */
@Component
public class GracefulStop implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger runs = new AtomicInteger();
  private volatile boolean running;

  /** True once a stop began: claim nothing more. */
  public boolean stopping() {
    return stopping.get();
  }

  public void messageStarted() {
    inFlight.incrementAndGet();
  }

  public void messageFinished() {
    inFlight.decrementAndGet();
  }

  /** Wraps a whole run, so a stop waits for its job to record how it ended. */
  public void runStarted() {
    runs.incrementAndGet();
  }

  public void runFinished() {
    runs.decrementAndGet();
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    stopping.set(true);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    if (runs.get() > 0) {
      log.warn("Stopping: {} message(s) in flight finish and are recorded; no new message is claimed", inFlight.get());
    }
    while ((inFlight.get() > 0 || runs.get() > 0) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stopped before every other lifecycle bean (web server, pools), so the ledger is still reachable. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }
}
