package org.dripline.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dripline.delivery.GracefulStop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * SIGTERM, Ctrl+C or a service stop (the context closing) is {@code dripline stop ID} for every run
 * of this process, drip runs and newsletter sends alike: each partition finishes the chunk in hand
 * (its messages are sent and recorded), claims nothing more, and the run ends STOPPED, so the same
 * command restarts it where it stopped. No run starts here afterwards.
 *
 * <p>It must act before {@link GracefulStop}, which cuts a run off at its next message and so ends
 * it FAILED: it depends on that bean, and Spring stops a lifecycle bean's dependents before the bean
 * itself. A run still going after {@link #PATIENCE} (a slow chunk under a tight rate limit) is left
 * to that graceful stop: it then ends FAILED, with nothing lost or ambiguous either way.
 */
@Component
class StopRunsOnShutdown implements SmartLifecycle {

  /** Long enough for a chunk at ordinary rates; short of a service manager's usual 90 s before SIGKILL. */
  static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(StopRunsOnShutdown.class);

  private final RunControl control;
  private volatile boolean running;

  /** @param gracefulStop not used: a dependency only, so that this bean stops first (see above) */
  StopRunsOnShutdown(RunControl control, GracefulStop gracefulStop) {
    this.control = control;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    List<Long> left = stopAll(PATIENCE);
    if (!left.isEmpty()) {
      log.warn("Run(s) {} still going after {}: cut off at the next message instead (they end FAILED; the same"
          + " command continues them)", left, PATIENCE);
    }
  }

  /** Stops every run of this process and waits up to {@code patience}; returns the runs still going then. */
  List<Long> stopAll(Duration patience) {
    control.refuseNewRuns();
    Map<Long, CompletableFuture<Void>> runs = control.runningHere();
    if (runs.isEmpty()) {
      return List.of();
    }
    log.warn("Shutting down: stopping run(s) {} as `dripline stop` would: the chunk in hand is sent and recorded,"
        + " nothing more is claimed, and each ends STOPPED; the same command continues it", runs.keySet());
    runs.keySet().forEach(control::stopQuietly);
    try {
      CompletableFuture.allOf(runs.values().toArray(CompletableFuture[]::new))
          .get(patience.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // Some are still going (or one's thread failed): reported below, by what is not done.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return runs.entrySet().stream().filter(run -> !run.getValue().isDone()).map(Map.Entry::getKey).sorted().toList();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
