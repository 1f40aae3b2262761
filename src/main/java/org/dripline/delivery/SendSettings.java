package org.dripline.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every throughput knob of the sending pipeline, in one place ({@code dripline.send.*}).
 *
 * @param threads          sending threads = partitions of the send step = open SMTP connections
 * @param chunkSize        deliveries read and processed per chunk (one page query, one profile lookup)
 * @param planningRange    subscriber ids planned per committed planning transaction
 * @param connectTimeout   SMTP connect timeout; a dead server fails the run instead of hanging it
 * @param readTimeout      SMTP reply timeout, including the wait for the final 250
 * @param messagesPerConnection messages sent before an SMTP connection is recycled (0 = never)
 */
@ConfigurationProperties("dripline.send")
public record SendSettings(
    @DefaultValue("2") int threads,
    @DefaultValue("50") int chunkSize,
    @DefaultValue("10000") int planningRange,
    @DefaultValue("10s") Duration connectTimeout,
    @DefaultValue("60s") Duration readTimeout,
    @DefaultValue("1000") int messagesPerConnection) {

  public SendSettings {
    if (threads < 1 || threads > 64) {
      throw new IllegalArgumentException("dripline.send.threads must be between 1 and 64, was " + threads);
    }
    if (chunkSize < 1 || chunkSize > 1000) {
      throw new IllegalArgumentException("dripline.send.chunk-size must be between 1 and 1000, was " + chunkSize);
    }
    if (planningRange < 1) {
      throw new IllegalArgumentException("dripline.send.planning-range must be positive, was " + planningRange);
    }
  }
}
