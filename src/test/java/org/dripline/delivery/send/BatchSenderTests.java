package org.dripline.delivery.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.dripline.delivery.DeliveryStatus.FAILED;
import static org.dripline.delivery.DeliveryStatus.PLANNED;
import static org.dripline.delivery.DeliveryStatus.SENDING;
import static org.dripline.delivery.DeliveryStatus.SENT;
import static org.dripline.delivery.send.FakeMessenger.deferred;
import static org.dripline.delivery.send.FakeMessenger.dropped;
import static org.dripline.delivery.send.FakeMessenger.rejected;
import static org.dripline.delivery.send.FakeMessenger.timedOutAfterData;
import static org.dripline.delivery.send.SendFixture.AS_OF;
import static org.dripline.delivery.send.SendFixture.email;

import java.time.Duration;
import java.time.Instant;
import org.dripline.delivery.SmtpUnavailableException;
import org.junit.jupiter.api.Test;

/**
 * The SMTP failure table, driven through a fake messenger and an in-memory ledger: what each
 * answer (or lost connection) does to the delivery, the partition's connection and the run.
 */
class BatchSenderTests {

  final SendFixture fx = new SendFixture();

  @Test
  void messagesTheServerAcceptsWith250AreMarkedSentWithTheirReplyAndMessageId() throws Exception {
    // given three planned deliveries and a server that accepts everything
    fx.ledger.planned(1, 2, 3);

    // when the batch is sent
    fx.sender(SendFixture.defaults(), AS_OF).send(fx.outgoing(1, 2, 3), fx.token());

    // then all three are SENT with the 250 and their Message-ID, over one connection
    assertThat(fx.ledger.rows.values()).allSatisfy(row -> {
      assertThat(row.status).isEqualTo(SENT);
      assertThat(row.reply).isEqualTo(FakeMessenger.OK);
      assertThat(row.messageId).endsWith("@dripline.example>");
    });
    assertThat(fx.counts.sent).isEqualTo(3);
    assertThat(fx.messenger.opened).isEqualTo(1);
    assertThat(fx.messenger.attempts).containsExactly(email(1), email(2), email(3));
  }

  @Test
  void a4xxDefersTheMessageWithADoublingBackoffAndFailsItAfterMaxAttempts() throws Exception {
    // given a delivery the server defers every time, and at most 3 attempts
    fx.ledger.planned(1);
    fx.messenger.script(email(1), deferred("451 4.7.1 try later"), deferred("451 4.7.1 try later"),
        deferred("451 4.7.1 try later"));

    // when runs come after each backoff
    fx.sender(SendFixture.settings(3, 3, 50, 1000), AS_OF).send(fx.outgoing(1), fx.token());

    // then the first attempt is deferred by retry-delay (5 min) from the run's asOf
    assertThat(fx.ledger.row(1).status).isEqualTo(PLANNED);
    assertThat(fx.ledger.row(1).nextAttemptAt).isEqualTo(AS_OF.plus(Duration.ofMinutes(5)));
    assertThat(fx.ledger.row(1).reply).isEqualTo("451 4.7.1 try later");
    assertThat(fx.counts.deferred).isEqualTo(1);

    // and the second by twice that
    Instant second = AS_OF.plus(Duration.ofMinutes(5));
    fx.sender(SendFixture.settings(3, 3, 50, 1000), second).send(fx.outgoing(1), fx.token());
    assertThat(fx.ledger.row(1).nextAttemptAt).isEqualTo(second.plus(Duration.ofMinutes(10)));

    // and the third attempt, the last allowed, fails it for good
    fx.sender(SendFixture.settings(3, 3, 50, 1000), second.plus(Duration.ofMinutes(10))).send(fx.outgoing(1), fx.token());
    assertThat(fx.ledger.row(1).status).isEqualTo(FAILED);
    assertThat(fx.ledger.row(1).lastError).startsWith("gave up after 3 attempts: ");
    assertThat(fx.counts.failed).isEqualTo(1);
    assertThat(fx.messenger.attemptsTo(email(1))).isEqualTo(3);
    assertThat(fx.ledger.row(1).attempts).isEqualTo(3);
  }

  @Test
  void manyDeferralsInARowStopTheRunAndLeaveTheRestPlanned() {
    // given a server deferring everything and a limit of two deferrals in a row
    fx.ledger.planned(1, 2, 3);
    fx.messenger.script(email(1), deferred("421 4.3.2 busy")).script(email(2), deferred("421 4.3.2 busy"));

    // when the batch is sent
    SmtpUnavailableException stopped = catchThrowableOfType(SmtpUnavailableException.class,
        () -> fx.sender(SendFixture.settings(5, 3, 2, 1000), AS_OF).send(fx.outgoing(1, 2, 3), fx.token()));

    // then the run stops after the second, which is deferred like the first; the third was never tried
    assertThat(stopped).hasMessageContaining("deferred 2 messages in a row (last: 421 4.3.2 busy)");
    assertThat(fx.ledger.row(2).nextAttemptAt).isNotNull();
    assertThat(fx.ledger.row(3).status).isEqualTo(PLANNED);
    assertThat(fx.ledger.row(3).attempts).isZero();
    assertThat(fx.messenger.attempts).containsExactly(email(1), email(2));
  }

  @Test
  void a5xxFailsTheMessageAndSuppressesTheAddressOnlyWhenTheReplySaysItDoesNotWork() throws Exception {
    // given one unknown user, one message refused as spam, one fine
    fx.ledger.planned(1, 2, 3);
    fx.messenger.script(email(1), rejected("550 5.1.1 <reader1@example.org>: user unknown"))
        .script(email(2), rejected("554 5.7.1 message refused"));

    // when the batch is sent
    fx.sender(SendFixture.defaults(), AS_OF).send(fx.outgoing(1, 2, 3), fx.token());

    // then both refused ones are FAILED for good, only the unknown user is suppressed, the run goes on
    assertThat(fx.ledger.row(1).status).isEqualTo(FAILED);
    assertThat(fx.ledger.row(2).status).isEqualTo(FAILED);
    assertThat(fx.ledger.row(3).status).isEqualTo(SENT);
    assertThat(fx.suppressed).containsExactly(email(1) + " (550 5.1.1 <reader1@example.org>: user unknown)");
    assertThat(fx.counts.failed).isEqualTo(2);
    // and each rejection is followed by a fresh connection
    assertThat(fx.messenger.opened).isEqualTo(3);
  }

  @Test
  void aServerRefusingConnectionsRightAfterTheClaimGetsEveryMessageBackToPlannedAndStopsTheRun() {
    // given a server that refuses every connection, and three reconnect attempts
    fx.ledger.planned(1, 2, 3);
    fx.messenger.refuseConnections(10);

    // when the batch is claimed and its first message is due
    SmtpUnavailableException stopped = catchThrowableOfType(SmtpUnavailableException.class,
        () -> fx.sender(SendFixture.defaults(), AS_OF).send(fx.outgoing(1, 2, 3), fx.token()));

    // then it tried three times with a doubling wait, then stopped the run naming the server
    assertThat(fx.messenger.connectAttempts).isEqualTo(3);
    assertThat(fx.pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(stopped).hasMessageContaining("127.0.0.1:2525");
    // and no claim is left behind, and none counts as an attempt: the server never saw them
    assertThat(fx.ledger.rows.values()).allSatisfy(row -> {
      assertThat(row.status).isEqualTo(PLANNED);
      assertThat(row.attempts).isZero();
    });
    assertThat(fx.counts.sent + fx.counts.failed + fx.counts.deferred + fx.counts.ambiguous).isZero();
  }

  @Test
  void aConnectionLostBeforeTheDataEndedAndNotRegainedKeepsWhatWasSentAndReleasesTheRest() {
    // given a connection that drops on the second message, and a server that then stays away
    fx.ledger.planned(1, 2, 3);
    fx.messenger.script(email(2), dropped());

    // when the batch is sent, with no reconnect allowed
    SmtpUnavailableException stopped = catchThrowableOfType(SmtpUnavailableException.class,
        () -> fx.sender(SendFixture.settings(5, 1, 50, 1000), AS_OF).send(fx.outgoing(1, 2, 3), fx.token()));

    // then the first is SENT, the second and third are PLANNED again as if never claimed
    assertThat(stopped).hasMessageContaining("failed before the message was sent");
    assertThat(fx.ledger.row(1).status).isEqualTo(SENT);
    assertThat(fx.ledger.row(2).status).isEqualTo(PLANNED);
    assertThat(fx.ledger.row(2).attempts).isZero();
    assertThat(fx.ledger.row(3).status).isEqualTo(PLANNED);
    assertThat(fx.ledger.row(3).attempts).isZero();
  }

  @Test
  void aDroppedConnectionIsReopenedAfterAWaitAndTheMessageSentOnce() throws Exception {
    // given a connection that drops once on the second message, and a server that takes the retry
    fx.ledger.planned(1, 2, 3);
    fx.messenger.script(email(2), dropped());

    // when the batch is sent
    fx.sender(SendFixture.defaults(), AS_OF).send(fx.outgoing(1, 2, 3), fx.token());

    // then a new connection carried the rest after one reconnect-delay, and every message is SENT
    assertThat(fx.ledger.rows.values()).allSatisfy(row -> assertThat(row.status).isEqualTo(SENT));
    assertThat(fx.pauses).containsExactly(Duration.ofSeconds(1));
    assertThat(fx.messenger.opened).isEqualTo(2);
    assertThat(fx.messenger.closed).isEqualTo(1);
    assertThat(fx.counts.sent).isEqualTo(3);
  }

  @Test
  void aTimeoutAfterTheDataLeavesTheMessageSendingAndItIsNeverSentAgain() throws Exception {
    // given a server whose reply to the second message never comes
    fx.ledger.planned(1, 2, 3);
    fx.messenger.script(email(2), timedOutAfterData());

    // when the batch is sent
    SmtpUnavailableException stopped = catchThrowableOfType(SmtpUnavailableException.class,
        () -> fx.sender(SendFixture.defaults(), AS_OF).send(fx.outgoing(1, 2, 3), fx.token()));

    // then the run stops naming it; it stays SENDING (ambiguous), counted, with the reason noted
    assertThat(stopped).hasMessageContaining("delivery 2 is left SENDING");
    assertThat(fx.ledger.row(2).status).isEqualTo(SENDING);
    assertThat(fx.ledger.row(2).lastError).startsWith("ambiguous: ");
    assertThat(fx.counts.ambiguous).isEqualTo(1);
    assertThat(fx.ledger.row(1).status).isEqualTo(SENT);
    assertThat(fx.ledger.row(3).status).isEqualTo(PLANNED);
    assertThat(fx.pauses).as("no reconnect: it may have arrived").isEmpty();

    // when the same deliveries come round again
    fx.sender(SendFixture.defaults(), AS_OF).send(fx.outgoing(2, 3), fx.token());

    // then the third is sent and the ambiguous one is not tried again
    assertThat(fx.ledger.row(3).status).isEqualTo(SENT);
    assertThat(fx.ledger.row(2).status).isEqualTo(SENDING);
    assertThat(fx.messenger.attemptsTo(email(2))).isEqualTo(1);
  }

  @Test
  void theConnectionIsRecycledAfterMessagesPerConnection() throws Exception {
    // given five deliveries and connections recycled every two messages
    fx.ledger.planned(1, 2, 3, 4, 5);

    // when they are sent
    fx.sender(SendFixture.settings(5, 3, 50, 2), AS_OF).send(fx.outgoing(1, 2, 3, 4, 5), fx.token());

    // then three connections carried them, the first two closed after their second message
    assertThat(fx.counts.sent).isEqualTo(5);
    assertThat(fx.messenger.opened).isEqualTo(3);
    assertThat(fx.messenger.closed).isEqualTo(2);
  }

  @Test
  void aStoppingProcessClaimsNothing() {
    // given a graceful stop under way
    fx.ledger.planned(1, 2);
    fx.stop.stop();

    // when a batch would start
    SmtpUnavailableException stopped = catchThrowableOfType(SmtpUnavailableException.class,
        () -> fx.sender(SendFixture.defaults(), AS_OF).send(fx.outgoing(1, 2), fx.token()));

    // then nothing was claimed or sent
    assertThat(stopped).hasMessageStartingWith("stopped: the process is shutting down");
    assertThat(fx.ledger.rows.values()).allSatisfy(row -> assertThat(row.status).isEqualTo(PLANNED));
    assertThat(fx.messenger.connectAttempts).isZero();
  }
}
