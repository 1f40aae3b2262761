package org.dripline.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import org.dripline.bounce.BounceReport.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link BounceClassifier} over diagnostic lines shaped like the ones real MTAs and mailbox providers send. */
class BounceClassifierTests {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      # status | diagnostic line                                                                                          | reason
      5.1.1  | smtp; 550 5.1.1 <gone@example.net>: Recipient address rejected: User unknown in virtual mailbox table      | USER_UNKNOWN
      5.1.1  | smtp; 550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking       | USER_UNKNOWN
      5.1.10 | smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup               | USER_UNKNOWN
      5.0.0  | smtp; 550 5.0.0 <x@example.org>... User unknown                                                            | USER_UNKNOWN
      -      | 550 sorry, no mailbox here by that name. (#5.1.1)                                                          | USER_UNKNOWN
      5.1.1  | smtp; 554 delivery error: dd This user doesn't have a yahoo.com account (x@yahoo.com) [0] - mta1.mail       | USER_UNKNOWN
      5.2.1  | smtp; 550 5.2.1 The email account that you tried to reach is disabled.                                     | MAILBOX_DISABLED
      5.0.0  | smtp; 550 5.0.0 Recipient address rejected: account has been suspended                                     | MAILBOX_DISABLED
      5.1.6  | smtp; 551 5.1.6 Recipient has moved; try new.address@example.com                                            | MAILBOX_DISABLED
      5.2.1  | smtp; 554 5.2.1 mailbox is inactive                                                                         | MAILBOX_DISABLED
      5.2.1  | smtp; 550 5.2.1 <old@example.com>... Mailbox disabled for this recipient                                   | MAILBOX_DISABLED
      5.7.1  | smtp; 550 5.7.1 This mailbox is no longer active                                                            | MAILBOX_DISABLED
      5.4.4  | Host or domain name not found. Name service error for name=nowhere.invalid type=A: Host not found           | DOMAIN_UNKNOWN
      5.1.2  | smtp; 550 5.1.2 Bad destination system address                                                              | DOMAIN_UNKNOWN
      -      | Sorry, I couldn't find any host named nowhere.example. (#5.1.2)                                             | DOMAIN_UNKNOWN
      5.0.0  | Unrouteable address                                                                                         | DOMAIN_UNKNOWN
      5.1.10 | smtp; 556 5.1.10 Recipient address has null MX                                                              | DOMAIN_UNKNOWN
      5.2.2  | smtp; 552 5.2.2 <full@example.org>: Recipient address rejected: Mailbox full                              | MAILBOX_FULL
      4.2.2  | smtp; 452-4.2.2 The email account that you tried to reach is over quota. Please direct the recipient       | MAILBOX_FULL
      5.2.2  | smtp; 552 5.2.2 This message is larger than the current system limit or the recipient's mailbox is full    | MAILBOX_FULL
      5.0.0  | smtp; 552 RCPT TO:<x@example.com> Mailbox disk quota exceeded                                              | MAILBOX_FULL
      4.0.0  | smtp; 422 Mailbox has exceeded the limit; user is over their storage allocation                            | MAILBOX_FULL
      5.3.4  | smtp; 552 5.3.4 Message size exceeds fixed maximum message size                                            | MESSAGE_TOO_LARGE
      5.2.3  | smtp; 552 5.2.3 Message exceeds maximum size                                                                | MESSAGE_TOO_LARGE
      5.0.0  | smtp; 552 message too big for this mailbox                                                                 | MESSAGE_TOO_LARGE
      5.7.1  | smtp; 550 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org               | POLICY
      5.7.1  | smtp; 550-5.7.1 Our system has detected that this message is likely unsolicited mail                         | POLICY
      5.7.26 | smtp; 550-5.7.26 This mail is unauthenticated, which poses a security risk to the sender and Gmail users  | POLICY
      5.7.1  | smtp; 554 5.7.1 <x@example.org>: Relay access denied                                                       | POLICY
      5.7.0  | smtp; 550 5.7.0 Message rejected due to DMARC policy                                                       | POLICY
      5.0.0  | smtp; 550 administrative prohibition                                                                        | POLICY
      5.7.1  | smtp; 554 5.7.1 Message rejected because of content: virus found                                            | POLICY
      4.7.0  | smtp; 421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred due to unexpected volume             | RATE_LIMITED
      4.7.28 | smtp; 421-4.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP      | RATE_LIMITED
      4.7.650| smtp; 451 4.7.650 The mail server [203.0.113.5] has been temporarily rate limited due to IP reputation   | RATE_LIMITED
      5.4.5  | smtp; 550 5.4.5 Daily user sending quota exceeded                                                           | RATE_LIMITED
      4.7.1  | smtp; 450 4.7.1 <x@example.org>: Recipient address rejected: Greylisted, see http://postgrey.example       | RATE_LIMITED
      4.5.3  | smtp; 452 4.5.3 Too many recipients                                                                         | RATE_LIMITED
      4.4.7  | delivery time expired                                                                                       | EXPIRED
      5.4.7  | retry timeout exceeded                                                                                      | EXPIRED
      -      | I'm not going to try again; this message has been in the queue too long.                                  | EXPIRED
      4.4.7  | smtp; 4.4.7 Message expired                                                                                 | EXPIRED
      4.4.1  | connect to mx.example.org[203.0.113.9]:25: Connection timed out                                            | SYSTEM_ERROR
      4.4.1  | connect to mx.example.org[203.0.113.9]:25: Connection refused                                              | SYSTEM_ERROR
      4.4.3  | Host or domain name not found. Name service error for name=example.org type=MX: Host not found, try again  | SYSTEM_ERROR
      4.3.0  | smtp; 451 4.3.0 Internal server error                                                                       | SYSTEM_ERROR
      4.3.1  | smtp; 452 4.3.1 Insufficient system storage                                                                 | SYSTEM_ERROR
      5.4.6  | mail for example.org loops back to myself                                                                   | SYSTEM_ERROR
      5.0.0  | smtp; 550 Requested action not taken: mailbox unavailable                                                   | OTHER
      5.0.0  | -                                                                                                           | OTHER
      -      | -                                                                                                           | OTHER
      5.1.1  | -                                                                                                           | USER_UNKNOWN
      5.2.2  | -                                                                                                           | MAILBOX_FULL
      5.7.9  | -                                                                                                           | POLICY
      4.4.7  | -                                                                                                           | EXPIRED
      4.4.2  | -                                                                                                           | SYSTEM_ERROR
      """)
  void readsTheReasonFromTheWordsFirstAndTheCodeWhenTheWordsSayNothingKnown(String status, String diagnostic,
      String expected) {
    // given a status code and an MTA's diagnostic line / when classified
    BounceReason reason = BounceClassifier.reason(status, diagnostic);

    // then the reason is the one a person reading the line would give
    assertThat(reason).isEqualTo(BounceReason.valueOf(expected));
  }

  @Test
  void onlyAPermanentUnknownUserDisabledMailboxOrUnknownDomainIsHard() {
    // given every reason as a permanent failure / when the kind is decided / then only three are hard
    for (BounceReason reason : BounceReason.values()) {
      Kind expected = reason == BounceReason.USER_UNKNOWN || reason == BounceReason.MAILBOX_DISABLED
          || reason == BounceReason.DOMAIN_UNKNOWN ? Kind.HARD_BOUNCE : Kind.SOFT_BOUNCE;
      assertThat(BounceClassifier.kind("failed", "5.0.0", reason)).as(reason.name()).isEqualTo(expected);
    }
  }

  @Test
  void aTransientCodeOrADelayIsSoftEvenForAHardReason() {
    // given an unknown user reported with a 4.x.x code, or in a delay warning / when the kind is decided / then soft
    assertThat(BounceClassifier.kind("failed", "4.1.1", BounceReason.USER_UNKNOWN)).isEqualTo(Kind.SOFT_BOUNCE);
    assertThat(BounceClassifier.kind("delayed", "5.1.1", BounceReason.USER_UNKNOWN)).isEqualTo(Kind.SOFT_BOUNCE);
    assertThat(BounceClassifier.kind("failed", null, BounceReason.USER_UNKNOWN)).isEqualTo(Kind.HARD_BOUNCE);
    assertThat(BounceClassifier.kind("delivered", "2.0.0", BounceReason.OTHER)).isEqualTo(Kind.IGNORED);
  }
}
