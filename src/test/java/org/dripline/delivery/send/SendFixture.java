package org.dripline.delivery.send;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.dripline.delivery.GracefulStop;
import org.dripline.delivery.SendSettings;
import org.dripline.delivery.mime.ComposedMessage;

/** A partition's sending parts around a {@link FakeMessenger} and a {@link MemoryLedger}: no Spring, no network. */
final class SendFixture {

  static final Instant AS_OF = Instant.parse("2026-12-01T08:00:00Z");
  static final Clock CLOCK = Clock.fixed(AS_OF.plusSeconds(5), ZoneOffset.UTC);

  final MemoryLedger ledger = new MemoryLedger();
  final FakeMessenger messenger = new FakeMessenger();
  final List<Duration> pauses = new ArrayList<>();
  final List<String> suppressed = new ArrayList<>();
  final GracefulStop stop = new GracefulStop();
  SendCounts counts = new SendCounts();
  private int batches;

  /** SendSettings with the shipped defaults except those given. */
  static SendSettings settings(int maxAttempts, int reconnectAttempts, int maxConsecutiveDeferrals,
      int messagesPerConnection) {
    return new SendSettings(2, 50, 10, 10_000, Duration.ofSeconds(10), Duration.ofSeconds(60), messagesPerConnection,
        maxAttempts, Duration.ofMinutes(5), Duration.ofHours(6), reconnectAttempts, Duration.ofSeconds(1),
        maxConsecutiveDeferrals, 0, null, null);
  }

  /** The fixture's settings set no rate, so no limit ever asks the database. */
  static final RateSlots UNLIMITED = null;

  static SendSettings defaults() {
    return settings(5, 3, 50, 1000);
  }

  /** A sender for one run at {@code asOf}, as the send step assembles it (new counts per run). */
  BatchSender sender(SendSettings settings, Instant asOf) {
    counts = new SendCounts();
    SmtpFailurePolicy policy = new SmtpFailurePolicy(settings);
    PartitionConnection connection = new PartitionConnection(messenger, policy, settings.messagesPerConnection(),
        pauses::add);
    return new BatchSender(ledger, connection, policy, new SendRateLimits(settings, UNLIMITED, CLOCK, SharedRateBucket.SLEEP), stop,
        (email, reply) -> suppressed.add(email + " (" + reply + ")"), counts, CLOCK, asOf);
  }

  /** These planned deliveries, read and built as the writer would hand them over. */
  List<BatchSender.Outgoing> outgoing(long... ids) {
    List<BatchSender.Outgoing> ready = new ArrayList<>();
    for (long id : ids) {
      ready.add(new BatchSender.Outgoing(ledger.due(id), email(id), new ComposedMessage("<" + id + ".x@dripline.example>",
          "stories@dripline.example", email(id), ("Subject: step for " + id + "\r\n\r\nHi\r\n")
          .getBytes(StandardCharsets.US_ASCII))));
    }
    return ready;
  }

  String token() {
    return "job-1/partition0#" + ++batches;
  }

  static String email(long id) {
    return "reader" + id + "@example.org";
  }
}
