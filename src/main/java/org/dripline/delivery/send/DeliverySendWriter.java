package org.dripline.delivery.send;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dripline.delivery.DeliveryLedger;
import org.dripline.delivery.GracefulStop;
import org.dripline.delivery.Messenger;
import org.dripline.delivery.SendFailure;
import org.dripline.delivery.SendSettings;
import org.dripline.delivery.SmtpUnavailableException;
import org.dripline.delivery.mime.MessageComposer;
import org.dripline.render.CompiledCampaign;
import org.dripline.render.MessageLinks;
import org.dripline.render.RenderedMessage;
import org.dripline.render.TemplateEngine;
import org.dripline.subscriber.SubscriberDirectory;
import org.dripline.subscriber.SubscriberProfile;
import org.dripline.subscriber.SuppressionList;
import org.dripline.tracking.MessageTracking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Sends one partition's deliveries over one SMTP connection. Per small batch: render, claim
 * (committed), send each, record. Nothing here relies on chunk rollback: a rolled-back chunk cannot
 * unsend an email, so each outcome is written as it happens.
 */
class DeliverySendWriter implements ItemWriter<DueDelivery>, StepExecutionListener {

  private static final Logger log = LoggerFactory.getLogger(DeliverySendWriter.class);

  private final CompiledCampaign campaign;
  private final TemplateEngine templates;
  private final SubscriberDirectory subscribers;
  private final DeliveryLedger ledger;
  private final Messenger messenger;
  private final SendRateLimits rateLimits;
  private final SuppressionList suppressions;
  private final GracefulStop stop;
  private final MessageComposer composer;
  private final SendSettings settings;
  private final MessageTracking tracking;
  private final Clock clock;
  private final Instant asOf;
  private final SendCounts counts = new SendCounts();
  private StepExecution stepExecution;
  private Messenger.Connection connection;
  private int sentOnConnection;
  private int consecutiveDeferrals;
  private String worker;
  private long batches;

  DeliverySendWriter(CompiledCampaign campaign, TemplateEngine templates, SubscriberDirectory subscribers,
      DeliveryLedger ledger, SuppressionList suppressions, Messenger messenger, SendRateLimits rateLimits,
      GracefulStop stop, MessageComposer composer,
      SendSettings settings, MessageTracking tracking, Clock clock, Instant asOf) {
    this.campaign = campaign;
    this.templates = templates;
    this.subscribers = subscribers;
    this.ledger = ledger;
    this.messenger = messenger;
    this.rateLimits = rateLimits;
    this.suppressions = suppressions;
    this.stop = stop;
    this.composer = composer;
    this.settings = settings;
    this.tracking = tracking;
    this.clock = clock;
    this.asOf = asOf;
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
    Set<Long> untracked = tracking.optedOut(ids);
    try {
      for (int from = 0; from < items.size(); from += settings.claimBatch()) {
        List<Composed> ready = new ArrayList<>();
        for (DueDelivery delivery : items.subList(from, Math.min(items.size(), from + settings.claimBatch()))) {
          Composed composed = compose(delivery, profiles.get(delivery.subscriberId()),
              untracked.contains(delivery.subscriberId()));
          if (composed != null) {
            ready.add(composed);
          }
        }
        send(ready);
      }
    } finally {
      counts.writeTo(stepExecution.getExecutionContext());
    }
  }

  /** A message built and ready to claim and send. */
  private record Composed(DueDelivery delivery, String recipient, MimeMessage message) {
  }

  /** The message for this delivery, or null when it is not to be sent now (recorded as such). */
  private Composed compose(DueDelivery delivery, SubscriberProfile subscriber, boolean untracked) {
    if (subscriber == null) {
      return null;
    }
    if (!campaign.campaign().schedule().open(asOf, subscriber.timezone())) {
      // Outside this subscriber's local send window: stays PLANNED for the next run inside it.
      counts.deferred++;
      return null;
    }
    try {
      MessageLinks links = tracking.links(delivery.id());
      RenderedMessage content = templates.render(campaign, delivery.stepId(), subscriber, links);
      if (!untracked) {
        content = tracking.track(delivery.id(), campaign.campaign().id(), delivery.stepId(), links, content);
      }
      String mailto = tracking.unsubscribeMailto(delivery.id(), campaign.campaign().from().address());
      return new Composed(delivery, subscriber.email(), composer.compose(delivery.id(), campaign.campaign(), subscriber,
          content, new MessageComposer.Unsubscribe(links.unsubscribe(), mailto), clock.instant()));
    } catch (MessagingException | RuntimeException e) {
      // One subscriber's bad data fails that message only, never the run.
      ledger.fail(delivery.id(), null, "cannot build message: " + e.getMessage());
      counts.failed++;
      log.warn("delivery {} failed to render: {}", delivery.id(), e.getMessage());
      return null;
    }
  }

  /**
   * Claims the batch in one commit, then sends each claimed message and records it. SENT marks
   * are written together when the batch ends (however it ends); claimed messages whose turn never
   * came (a stop, a lost server) go back to PLANNED. Only a crash inside a batch leaves its rows
   * SENDING: ambiguous, at most {@code claimBatch} per thread.
   */
  private void send(List<Composed> ready) throws SmtpUnavailableException {
    if (ready.isEmpty()) {
      return;
    }
    if (stop.stopping()) {
      throw new SmtpUnavailableException("stopped: the process is shutting down; run again to continue", null);
    }
    String token = worker + "#" + ++batches;
    Set<Long> claimed = ledger.claim(ready.stream().map(c -> c.delivery().id()).toList(), token, clock.instant(), asOf);
    if (claimed.size() < ready.size()) {
      ready.stream().filter(c -> !claimed.contains(c.delivery().id())).forEach(c -> notClaimed(c.delivery()));
    }
    if (claimed.isEmpty()) {
      return;
    }
    Set<Long> unattempted = new LinkedHashSet<>(claimed);
    List<DeliveryLedger.Sent> sent = new ArrayList<>(claimed.size());
    stop.messageStarted();
    try {
      for (Composed composed : ready) {
        if (!claimed.contains(composed.delivery().id())) {
          continue;
        }
        if (stop.stopping()) {
          throw new SmtpUnavailableException("stopped: the process is shutting down; run again to continue", null);
        }
        try {
          rateLimits.acquire(composed.recipient());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SmtpUnavailableException("the run was interrupted", e);
        }
        unattempted.remove(composed.delivery().id());
        sendOne(composed, sent);
      }
    } finally {
      try {
        ledger.markSent(sent);
      } finally {
        ledger.releaseUnattempted(unattempted, token, "not sent: the run stopped before its turn");
        stop.messageFinished();
      }
    }
  }

  private void sendOne(Composed composed, List<DeliveryLedger.Sent> sent) throws SmtpUnavailableException {
    try {
      String reply = sendWithReconnect(composed.message());
      sent.add(new DeliveryLedger.Sent(composed.delivery().id(), messageId(composed.message()), reply, clock.instant()));
      counts.sent++;
      consecutiveDeferrals = 0;
      recycleIfDue();
    } catch (SendFailure failure) {
      handle(composed.delivery(), composed.recipient(), failure);
    }
  }

  /**
   * A connection that fails before the message is complete (the server never took it) is
   * re-opened with a doubling wait, a few times; then the run stops and a restart continues.
   */
  private String sendWithReconnect(MimeMessage message) throws SendFailure {
    for (int failures = 0; ; failures++) {
      try {
        return connection().send(message);
      } catch (SendFailure failure) {
        if (failure.kind() != SendFailure.Kind.NOT_SENT || failures + 1 >= settings.reconnectAttempts()) {
          throw failure;
        }
        dropConnection();
        pause(settings.reconnectDelay().multipliedBy(1L << Math.min(failures, 10)));
      }
    }
  }

  private static void pause(java.time.Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Another worker has it (nothing to do), a pause holds it, or the subscriber is gone (skip). */
  private void notClaimed(DueDelivery delivery) {
    DeliveryLedger.Ineligible ineligible = ledger.ineligible(delivery.id(), asOf);
    if (ineligible == null) {
      return;
    }
    if (ineligible.held()) {
      counts.deferred++;
    } else if (ledger.skip(delivery.id(), ineligible.reason())) {
      counts.skipped++;
    }
  }

  private void handle(DueDelivery delivery, String recipient, SendFailure failure) throws SmtpUnavailableException {
    switch (failure.kind()) {
      case REJECTED_TEMPORARILY -> {
        int attempt = delivery.attempts() + 1;
        if (attempt >= settings.maxAttempts()) {
          ledger.fail(delivery.id(), failure.reply(), "gave up after " + attempt + " attempts: " + failure.getMessage());
          counts.failed++;
        } else {
          ledger.defer(delivery.id(), failure.reply(), failure.getMessage(), asOf.plus(settings.retryAfter(attempt)));
          counts.deferred++;
        }
        if (++consecutiveDeferrals >= settings.maxConsecutiveDeferrals()) {
          dropConnection();
          throw new SmtpUnavailableException("the SMTP server deferred " + consecutiveDeferrals
              + " messages in a row (last: " + failure.reply() + "); the run stops here, run it again later", failure);
        }
      }
      case REJECTED_PERMANENTLY -> {
        ledger.fail(delivery.id(), failure.reply(), failure.getMessage());
        counts.failed++;
        if (HardBounces.isAddressFailure(failure.reply())) {
          suppressions.add(recipient, "HARD_BOUNCE", "smtp: " + failure.reply());
        }
      }
      case NOT_SENT -> {
        ledger.release(delivery.id(), failure.getMessage());
        dropConnection();
        throw new SmtpUnavailableException(failure.getMessage(), failure);
      }
      case AMBIGUOUS -> {
        ledger.note(delivery.id(), "ambiguous: " + failure.getMessage());
        counts.ambiguous++;
        dropConnection();
        throw new SmtpUnavailableException(failure.getMessage() + " (delivery " + delivery.id()
            + " is left SENDING: it may have arrived, and is not re-sent automatically)", failure);
      }
    }
    // After a rejection the server may have reset the session; a fresh connection is the safe state.
    dropConnection();
  }

  private Messenger.Connection connection() throws SendFailure {
    if (connection == null) {
      connection = messenger.connect();
      sentOnConnection = 0;
    }
    return connection;
  }

  private void recycleIfDue() {
    if (settings.messagesPerConnection() > 0 && ++sentOnConnection >= settings.messagesPerConnection()) {
      dropConnection();
    }
  }

  private void dropConnection() {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }

  @Override
  public ExitStatus afterStep(StepExecution stepExecution) {
    dropConnection();
    counts.writeTo(stepExecution.getExecutionContext());
    return stepExecution.getExitStatus();
  }

  private static String messageId(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (MessagingException e) {
      return null;
    }
  }
}
