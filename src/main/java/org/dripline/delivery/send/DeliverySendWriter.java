package org.dripline.delivery.send;

import jakarta.mail.MessagingException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dripline.delivery.SmtpUnavailableException;
import org.dripline.subscriber.SubscriberDirectory;
import org.dripline.subscriber.SubscriberProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Sends one partition's deliveries over one SMTP connection. Per small batch: build each message
 * (inside the send window only), then claim, send and record them ({@link BatchSender}). Nothing
 * here relies on chunk rollback: a rolled-back chunk cannot unsend an email, so each outcome is
 * written as it happens.
 */
class DeliverySendWriter implements ItemWriter<DueDelivery>, StepExecutionListener {

  private static final Logger log = LoggerFactory.getLogger(DeliverySendWriter.class);

  private final SubscriberDirectory subscribers;
  private final SendWindow window;
  private final MessageBuilder builder;
  private final BatchSender sender;
  private final SendLedger ledger;
  private final SendCounts counts;
  private final Clock clock;
  private final int claimBatch;
  private StepExecution stepExecution;
  private String worker;
  private long batches;

  DeliverySendWriter(SubscriberDirectory subscribers, SendWindow window, MessageBuilder builder, BatchSender sender,
      SendLedger ledger, SendCounts counts, Clock clock, int claimBatch) {
    this.subscribers = subscribers;
    this.window = window;
    this.builder = builder;
    this.sender = sender;
    this.ledger = ledger;
    this.counts = counts;
    this.clock = clock;
    this.claimBatch = claimBatch;
  }

  @Override
  public void beforeStep(StepExecution stepExecution) {
    this.stepExecution = stepExecution;
    this.worker = "job-" + stepExecution.getJobExecutionId() + "/" + stepExecution.getStepName();
  }

  @Override
  public void write(Chunk<? extends DueDelivery> chunk) throws SmtpUnavailableException {
    List<? extends DueDelivery> items = chunk.getItems();
    var ids = items.stream().map(DueDelivery::subscriberId).distinct().toList();
    Map<Long, SubscriberProfile> profiles = subscribers.profiles(ids);
    Set<Long> untracked = builder.untracked(ids);
    try {
      for (int from = 0; from < items.size(); from += claimBatch) {
        List<BatchSender.Outgoing> ready = new ArrayList<>();
        for (DueDelivery delivery : items.subList(from, Math.min(items.size(), from + claimBatch))) {
          BatchSender.Outgoing outgoing = build(delivery, profiles.get(delivery.subscriberId()),
              untracked.contains(delivery.subscriberId()));
          if (outgoing != null) {
            ready.add(outgoing);
          }
        }
        if (!ready.isEmpty()) {
          sender.send(ready, worker + "#" + ++batches);
        }
      }
    } finally {
      counts.writeTo(stepExecution.getExecutionContext());
    }
  }

  /** The message for this delivery, or null when it is not to be sent now (recorded as such). */
  private BatchSender.Outgoing build(DueDelivery delivery, SubscriberProfile subscriber, boolean untracked) {
    if (subscriber == null) {
      return null;
    }
    if (!window.openFor(subscriber)) {
      counts.deferred++;
      return null;
    }
    try {
      MessageBuilder.Built built = builder.build(delivery.id(), delivery.stepId(), subscriber, untracked,
          clock.instant());
      return new BatchSender.Outgoing(delivery, subscriber.email(), built.message());
    } catch (MessagingException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // One subscriber's bad data fails that message only, never the chunk or the run. The two JVM errors a
      // template can provoke (recursion, a value that grows without bound) are caught here, per delivery:
      // the engine already turns them into RenderExceptions, this is the backstop for the rest of the build.
      // A render failure is deterministic (the same data fails the same way), so it is FAILED at once.
      ledger.fail(delivery.id(), null, "cannot build message: " + reason(e));
      counts.failed++;
      log.warn("delivery {} failed to render: {}", delivery.id(), e.getMessage());
      return null;
    }
  }

  private static String reason(Throwable e) {
    return e instanceof Error ? e.getClass().getSimpleName() + " while building the message" : e.getMessage();
  }

  @Override
  public ExitStatus afterStep(StepExecution stepExecution) {
    sender.close();
    counts.writeTo(stepExecution.getExecutionContext());
    return stepExecution.getExitStatus();
  }
}
