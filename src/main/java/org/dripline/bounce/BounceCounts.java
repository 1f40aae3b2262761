package org.dripline.bounce;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What one bounceJob run did with the mailbox, for the CLI and for tests.
 *
 * @param hard           hard bounces matched to a delivery: address suppressed, subscriber BOUNCED
 * @param soft           soft bounces counted, below the limit
 * @param softSuppressed soft bounces that reached the limit: suppressed like a hard bounce
 * @param complaints     ARF abuse reports: suppressed, subscriber COMPLAINED
 * @param unsubscribes   mailto: unsubscribe requests from a known subscriber
 * @param unmatched      bounces and complaints that name no delivery of ours, and unsubscribe requests from
 *                       unknown senders (recorded, nobody suppressed)
 * @param ignored        everything else: delivery receipts, auto-replies, spam, unreadable messages
 * @param already        messages recorded by an earlier run (not counted again)
 * @param leftInInbox    recorded messages the server would not move out of the inbox (seen again next run)
 * @param reasons        hard and soft bounces (matched or not) by reason, newly recorded ones only
 */
public record BounceCounts(long hard, long soft, long softSuppressed, long complaints, long unsubscribes, long unmatched,
    long ignored, long already, long leftInInbox, Map<BounceReason, Long> reasons) {

  public BounceCounts {
    Map<BounceReason, Long> copy = new EnumMap<>(BounceReason.class);
    copy.putAll(reasons);
    reasons = Collections.unmodifiableMap(copy);
  }

  /** Counts without reasons, as tests write them. */
  public BounceCounts(long hard, long soft, long softSuppressed, long complaints, long unsubscribes, long unmatched,
      long ignored, long already) {
    this(hard, soft, softSuppressed, complaints, unsubscribes, unmatched, ignored, already, 0, Map.of());
  }

  static final String HARD = "hard";
  static final String SOFT = "soft";
  static final String SOFT_SUPPRESSED = "softSuppressed";
  static final String COMPLAINT = "complaints";
  static final String UNSUBSCRIBE = "unsubscribes";
  static final String UNMATCHED = "unmatched";
  static final String IGNORED = "ignored";
  static final String ALREADY = "already";
  static final String LEFT_IN_INBOX = "leftInInbox";
  static final String REASON_PREFIX = "reason.";
  private static final List<String> KEYS = List.of(HARD, SOFT, SOFT_SUPPRESSED, COMPLAINT, UNSUBSCRIBE, UNMATCHED,
      IGNORED, ALREADY, LEFT_IN_INBOX);
  static final String STEP = "bounceMailboxStep";

  /** Reads the counts the bounce step left in its execution context. */
  public static BounceCounts of(JobExecution execution) {
    long[] values = new long[KEYS.size()];
    Map<BounceReason, Long> reasons = new EnumMap<>(BounceReason.class);
    execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(STEP)).forEach(step -> {
      ExecutionContext context = step.getExecutionContext();
      for (int i = 0; i < KEYS.size(); i++) {
        values[i] += context.containsKey("bounce." + KEYS.get(i)) ? context.getLong("bounce." + KEYS.get(i)) : 0;
      }
      for (BounceReason reason : BounceReason.values()) {
        String key = "bounce." + REASON_PREFIX + reason.name();
        if (context.containsKey(key)) {
          reasons.merge(reason, context.getLong(key), Long::sum);
        }
      }
    });
    return new BounceCounts(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7],
        values[8], reasons);
  }

  public long read() {
    return hard + soft + softSuppressed + complaints + unsubscribes + unmatched + ignored + already;
  }

  @Override
  public String toString() {
    return "read=" + read() + " hard=" + hard + " soft=" + soft + " soft-suppressed=" + softSuppressed
        + " complaints=" + complaints + " unsubscribes=" + unsubscribes + " unmatched=" + unmatched
        + " ignored=" + ignored + " already=" + already + (leftInInbox == 0 ? "" : " left-in-inbox=" + leftInInbox)
        + (reasons.isEmpty() ? "" : " reasons: " + reasons.entrySet().stream()
            .map(e -> e.getKey().label() + "=" + e.getValue()).collect(Collectors.joining(" ")));
  }

  /** The running counts inside one step. */
  static final class Tally {
    private final Map<String, Long> counts = new LinkedHashMap<>();

    void add(String outcome) {
      counts.merge(outcome, 1L, Long::sum);
    }

    void writeTo(ExecutionContext context) {
      counts.forEach((key, value) -> context.putLong("bounce." + key, value));
    }
  }
}
