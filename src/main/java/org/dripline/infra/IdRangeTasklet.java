package org.dripline.infra;

import java.util.Map;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * A set-based write walked over an id span in bounded ranges, one range per call and per committed
 * (retried) transaction. The next range's first id is kept in the step's execution context, so a
 * restart goes on from the first range not yet committed; the writes must therefore be idempotent,
 * since a crash between a range's commit and the context's runs that range again.
 */
public abstract class IdRangeTasklet implements Tasklet {

  private final String positionKey;
  private final int range;
  private final ConcurrentWrites writes;

  protected IdRangeTasklet(String positionKey, int range, ConcurrentWrites writes) {
    this.positionKey = positionKey;
    this.range = range;
    this.writes = writes;
  }

  /** The span to walk, as a row with {@code low} and {@code high} (both null when there is nothing). */
  protected abstract Map<String, Object> span();

  /** Writes one range, ids {@code from} to {@code to} inclusive; returns the rows it counts as written. */
  protected abstract long writeRange(long from, long to);

  // Not final: step-scoped subclasses are CGLIB proxies, which cannot route a final method to the target.
  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    ExecutionContext context = chunkContext.getStepContext().getStepExecution().getExecutionContext();
    Map<String, Object> span = span();
    if (span.get("low") == null) {
      return RepeatStatus.FINISHED;
    }
    long high = ((Number) span.get("high")).longValue();
    long from = context.containsKey(positionKey) ? context.getLong(positionKey) : ((Number) span.get("low")).longValue();
    if (from > high) {
      return RepeatStatus.FINISHED;
    }
    long to = Math.min(high, from + range - 1);
    contribution.incrementWriteCount(writes.run(() -> writeRange(from, to)));
    context.putLong(positionKey, to + 1);
    return to >= high ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
  }
}
