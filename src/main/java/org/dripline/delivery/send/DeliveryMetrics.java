package org.dripline.delivery.send;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dripline.delivery.send.DueDelivery;
import org.dripline.delivery.send.SendCounts;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

/**
 * {@code dripline.messages{outcome=sent|failed|deferred|skipped|ambiguous}}: counters fed after
 * every chunk from the counts the send writer keeps in its partition's execution context, so the
 * send path itself knows nothing of metrics. The send rate is {@code rate(dripline_messages_total[1m])}.
 */
@Component
class DeliveryMetrics implements ItemWriteListener<DueDelivery>, StepExecutionListener {

  private final Map<String, Counter> counters = new LinkedHashMap<>();
  /**
   * What was already counted, per partition execution. It starts at zero rather than at the
   * restored context: a restarted partition's context still holds the failed execution's counts,
   * while its writer starts counting from zero again.
   */
  private final Map<Long, long[]> counted = new ConcurrentHashMap<>();

  DeliveryMetrics(MeterRegistry registry) {
    for (String outcome : SendCounts.KEYS) {
      counters.put(outcome, Counter.builder("dripline.messages").tag("outcome", outcome)
          .description("Campaign messages by outcome of the send attempt").register(registry));
    }
  }

  @Override
  public void beforeStep(StepExecution stepExecution) {
    counted.put(stepExecution.getId(), new long[SendCounts.KEYS.length]);
  }

  @Override
  public void afterWrite(Chunk<? extends DueDelivery> items) {
    record(current());
  }

  /** The writer records its counts in a finally block, so a failed chunk's sends count too. */
  @Override
  public void onWriteError(Exception exception, Chunk<? extends DueDelivery> items) {
    record(current());
  }

  @Override
  public ExitStatus afterStep(StepExecution stepExecution) {
    record(stepExecution);
    counted.remove(stepExecution.getId());
    return null;
  }

  private static StepExecution current() {
    StepContext context = StepSynchronizationManager.getContext();
    return context == null ? null : context.getStepExecution();
  }

  private void record(StepExecution step) {
    if (step == null) {
      return;
    }
    long[] seen = counted.get(step.getId());
    if (seen == null) {
      return;
    }
    ExecutionContext context = step.getExecutionContext();
    synchronized (seen) {
      for (int i = 0; i < SendCounts.KEYS.length; i++) {
        String key = SendCounts.KEYS[i];
        long now = context.containsKey(key) ? context.getLong(key) : 0;
        if (now > seen[i]) {
          counters.get(key).increment(now - seen[i]);
          seen[i] = now;
        }
      }
    }
  }
}
