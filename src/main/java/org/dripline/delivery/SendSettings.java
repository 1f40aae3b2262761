package org.dripline.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every throughput knob of the sending pipeline, in one place ({@code dripline.send.*}).
 *
 * @param threads          sending threads = partitions of the send step = open SMTP connections
 * @param chunkSize        deliveries read and processed per chunk (one page query, one profile lookup)
 * @param claimBatch       deliveries claimed in one committed UPDATE and marked SENT in one JDBC batch
 *                         (within a chunk). Fewer commits per message; but a crash (not a graceful
 *                         stop) leaves up to this many per thread claimed and unsent: ambiguous
 * @param planningRange    subscriber ids planned per committed planning transaction
 * @param connectTimeout   SMTP connect timeout; a dead server fails the run instead of hanging it
 *                         (also for the sign-up confirmation mail, which goes through the same servers)
 * @param readTimeout      SMTP reply timeout, including the wait for the final 250 (also for confirmations)
 * @param messagesPerConnection messages sent before an SMTP connection is recycled (0 = never)
 * @param maxAttempts      deliveries deferred (4xx) this many times are marked FAILED
 * @param retryDelay       first wait after a 4xx, doubled per attempt (judged against the run's asOf)
 * @param retryMaxDelay    cap of that doubling
 * @param reconnectAttempts connection failures tolerated in a row before the run stops
 * @param reconnectDelay   first wait before reconnecting, doubled per failure
 * @param maxConsecutiveDeferrals 4xx replies in a row after which the run stops instead of burning
 *                         through the audience (the server is rejecting everything)
 * @param ratePerSecond    messages per second across all threads, partitions and processes on the database (0 = no limit)
 * @param domainRates      messages per second per recipient domain for all processes together, e.g. {@code gmail.com: 20}
 * @param resendAmbiguousAfter ambiguous deliveries (claimed, then the process died before the server's
 *                         reply was recorded: they may have arrived) claimed longer ago than this are
 *                         sent again by the next run, accepting that some arrive twice. Unset (the
 *                         default): they wait for an operator's {@code run --resend-ambiguous}
 */
public record SendSettings(
    @DefaultValue("2") int threads,
    @DefaultValue("50") int chunkSize,
    @DefaultValue("10") int claimBatch,
    @DefaultValue("10000") int planningRange,
    @DefaultValue("10s") Duration connectTimeout,
    @DefaultValue("60s") Duration readTimeout,
    @DefaultValue("1000") int messagesPerConnection,
    @DefaultValue("5") int maxAttempts,
    @DefaultValue("5m") Duration retryDelay,
    @DefaultValue("6h") Duration retryMaxDelay,
    @DefaultValue("3") int reconnectAttempts,
    @DefaultValue("1s") Duration reconnectDelay,
    @DefaultValue("50") int maxConsecutiveDeferrals,
    @DefaultValue("0") int ratePerSecond,
    java.util.Map<String, Integer> domainRates,
    Duration resendAmbiguousAfter) {

  public SendSettings {
    if (threads < 1 || threads > 64) {
      throw new IllegalArgumentException("dripline.send.threads must be between 1 and 64, was " + threads);
    }
    if (chunkSize < 1 || chunkSize > 1000) {
      throw new IllegalArgumentException("dripline.send.chunk-size must be between 1 and 1000, was " + chunkSize);
    }
    if (claimBatch < 1 || claimBatch > 1000) {
      throw new IllegalArgumentException("dripline.send.claim-batch must be between 1 and 1000, was " + claimBatch);
    }
    if (maxAttempts < 1 || reconnectAttempts < 1 || maxConsecutiveDeferrals < 1) {
      throw new IllegalArgumentException("dripline.send.max-attempts, reconnect-attempts and"
          + " max-consecutive-deferrals must be positive");
    }
    domainRates = domainRates == null ? java.util.Map.of() : java.util.Map.copyOf(domainRates);
    if (ratePerSecond < 0 || domainRates.values().stream().anyMatch(rate -> rate == null || rate < 1)) {
      throw new IllegalArgumentException("dripline.send.rate-per-second must be >= 0 and each domain rate >= 1");
    }
    if (resendAmbiguousAfter != null && resendAmbiguousAfter.isNegative()) {
      throw new IllegalArgumentException("dripline.send.resend-ambiguous-after must not be negative, was "
          + resendAmbiguousAfter);
    }
    if (planningRange < 1) {
      throw new IllegalArgumentException("dripline.send.planning-range must be positive, was " + planningRange);
    }
  }

  /** The wait before attempt {@code attempt + 1}: retryDelay, doubled per attempt, capped. */
  public Duration retryAfter(int attempt) {
    Duration delay = retryDelay.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
    return delay.compareTo(retryMaxDelay) > 0 ? retryMaxDelay : delay;
  }
}
