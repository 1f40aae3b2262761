package org.dripline.delivery.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dripline.delivery.send.FakeMessenger.deferred;
import static org.dripline.delivery.send.FakeMessenger.dropped;
import static org.dripline.delivery.send.FakeMessenger.rejected;
import static org.dripline.delivery.send.FakeMessenger.timedOutAfterData;

import java.time.Duration;
import java.time.Instant;
import org.dripline.delivery.send.SmtpFailurePolicy.Action;
import org.dripline.delivery.send.SmtpFailurePolicy.Verdict;
import org.junit.jupiter.api.Test;

/** The policy alone: each failure kind's ledger action, backoff, suppression and whether the run stops. */
class SmtpFailurePolicyTests {

  static final Instant AS_OF = Instant.parse("2026-12-01T08:00:00Z");
  final SmtpFailurePolicy policy = new SmtpFailurePolicy(SendFixture.settings(5, 3, 50, 1000));

  @Test
  void a4xxIsDeferredWithADoublingCappedBackoffUntilTheLastAttemptFails() {
    // when the same delivery is deferred on its first, second and fifth attempts
    Verdict first = policy.judge(deferred("451 later"), 7, 0, 1, AS_OF);
    Verdict second = policy.judge(deferred("451 later"), 7, 1, 1, AS_OF);
    Verdict last = policy.judge(deferred("451 later"), 7, 4, 1, AS_OF);

    // then 5 min, 10 min from asOf; the fifth attempt (max-attempts) fails it
    assertThat(first.action()).isEqualTo(Action.DEFER);
    assertThat(first.retryAt()).isEqualTo(AS_OF.plus(Duration.ofMinutes(5)));
    assertThat(second.retryAt()).isEqualTo(AS_OF.plus(Duration.ofMinutes(10)));
    assertThat(last.action()).isEqualTo(Action.FAIL);
    assertThat(last.error()).isEqualTo("gave up after 5 attempts: server deferred the message: 451 later");
    assertThat(first.stop()).isNull();
    assertThat(first.hardBounce()).isFalse();
  }

  @Test
  void theDeferralThatReachesTheLimitInARowStopsTheRun() {
    assertThat(policy.judge(deferred("421 busy"), 7, 0, 49, AS_OF).stop()).isNull();
    assertThat(policy.judge(deferred("421 busy"), 7, 0, 50, AS_OF).stop())
        .isEqualTo("the SMTP server deferred 50 messages in a row (last: 421 busy); the run stops here, run it again later");
  }

  @Test
  void a5xxFailsAndIsAHardBounceOnlyForAnAddressFailure() {
    Verdict unknown = policy.judge(rejected("550 5.1.1 user unknown"), 7, 0, 0, AS_OF);
    Verdict spam = policy.judge(rejected("554 5.7.1 spam"), 7, 0, 0, AS_OF);

    assertThat(unknown.action()).isEqualTo(Action.FAIL);
    assertThat(unknown.hardBounce()).isTrue();
    assertThat(unknown.reply()).isEqualTo("550 5.1.1 user unknown");
    assertThat(spam.action()).isEqualTo(Action.FAIL);
    assertThat(spam.hardBounce()).isFalse();
    assertThat(unknown.stop()).isNull();
  }

  @Test
  void aConnectionFailureIsRetriedWithADoublingWaitThenReleasesTheMessageAndStopsTheRun() {
    // reconnect 1 s, 2 s, then (third failure of three attempts) no more
    assertThat(policy.reconnectDelay(dropped(), 0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.reconnectDelay(dropped(), 1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.reconnectDelay(dropped(), 2)).isNull();

    Verdict verdict = policy.judge(dropped(), 7, 0, 0, AS_OF);
    assertThat(verdict.action()).isEqualTo(Action.RELEASE);
    assertThat(verdict.stop()).isEqualTo(dropped().getMessage());
  }

  @Test
  void onlyAConnectionFailureBeforeTheDataEndedIsRetriedOnANewConnection() {
    assertThat(policy.reconnectDelay(timedOutAfterData(), 0)).isNull();
    assertThat(policy.reconnectDelay(deferred("451 later"), 0)).isNull();
    assertThat(policy.reconnectDelay(rejected("550 no"), 0)).isNull();
  }

  @Test
  void aLostReplyAfterTheDataLeavesTheMessageSendingAndStopsTheRunNamingIt() {
    Verdict verdict = policy.judge(timedOutAfterData(), 7, 0, 0, AS_OF);

    assertThat(verdict.action()).isEqualTo(Action.LEAVE_SENDING);
    assertThat(verdict.error()).startsWith("ambiguous: connection to 127.0.0.1:2525 lost");
    assertThat(verdict.stop()).endsWith("(delivery 7 is left SENDING: it may have arrived, and is not re-sent automatically)");
  }
}
