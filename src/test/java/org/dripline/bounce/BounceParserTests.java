package org.dripline.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.dripline.bounce.BounceReport.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link BounceParser} on the real-world-shaped fixtures under src/test/resources/bounces. */
class BounceParserTests {

  private final BounceParser parser = new BounceParser();

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "-", textBlock = """
      # fixture,                         kind,        recipient,                 status, delivery, message id, reason
      postfix-dsn-hard-user-unknown,     HARD_BOUNCE, gone@example.net,          5.1.1,  1001, <1001.4f2a9c1e7b3d5a60@dripline.example>, USER_UNKNOWN
      postfix-dsn-soft-mailbox-full,     SOFT_BOUNCE, full@example.org,          4.2.2,  1002, <1002.0b7c3e91d2a4f865@dripline.example>, MAILBOX_FULL
      exim-text-hard,                    HARD_BOUNCE, nouser@example.com,        5.1.1,  1003, <1003.93d1a07f5c2be418@dripline.example>, USER_UNKNOWN
      qmail-text-hard,                   SOFT_BOUNCE, lost@example.net,          5.0.0,  1004, <1004.2e6f8a0b4c9d7135@dripline.example>, OTHER
      gmail-dsn-hard,                    HARD_BOUNCE, someone.gone@gmail.com,    5.1.1,  1005, <1005.c81e5f20a9b37d46@dripline.example>, USER_UNKNOWN
      outlook-ndr-hard,                  HARD_BOUNCE, left.company@outlook.com,  5.1.10, 1006, <1006.5d0e7c3a19f2b486@dripline.example>, USER_UNKNOWN
      arf-abuse-complaint,               COMPLAINT,   complainer@yahoo.com,      -,      1007, <1007.e4a6b2c8d0f13579@dripline.example>, -
      exim-delay-warning,                SOFT_BOUNCE, slow@example.com,          4.7.1,  1009, <1009.a7c5e3f1b9d20864@dripline.example>, RATE_LIMITED
      mailto-unsubscribe,                UNSUBSCRIBE, leaver@example.org,        -,      -,    -, -
      forged-delivery-header,            HARD_BOUNCE, someone.else@attacker.example, 5.1.1, 1001, -, USER_UNKNOWN
      """)
  void readsEachFixtureAsTheKindOfReportItIs(String fixture, Kind kind, String recipient, String status, Long deliveryId,
      String messageId, BounceReason reason) throws IOException {
    // given a message as it arrived in the bounce mailbox
    MailboxMessage message = fixture(fixture);

    // when it is parsed
    BounceReport report = parser.process(message);

    // then its kind, failed recipient, RFC 3463 code and original message are found
    assertThat(report.kind()).as(report.detail()).isEqualTo(kind);
    assertThat(report.recipient()).isEqualTo(recipient);
    assertThat(report.statusCode()).isEqualTo(status);
    assertThat(report.deliveryId()).isEqualTo(deliveryId);
    assertThat(report.originalMessageId()).isEqualTo(messageId);
    assertThat(report.reason()).as(report.detail()).isEqualTo(reason);
    assertThat(report.mailboxKey()).hasSize(64);
  }

  @Test
  void anOutOfOfficeReplyIsIgnoredEvenWhenItsFirstLineSaysUnsubscribe() throws IOException {
    // given an automatic reply (Auto-Submitted: auto-replied) / when parsed
    BounceReport report = parser.process(fixture("out-of-office"));

    // then nobody is unsubscribed by it
    assertThat(report.kind()).isEqualTo(Kind.IGNORED);
  }

  @Test
  void aDeliveryReportForADeliveredMessageIsNoBounce() {
    // given a DSN whose only recipient was delivered
    String dsn = """
        From: MAILER-DAEMON@mx1.dripline.example
        Subject: Successful Mail Delivery Report
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b"

        --b
        Content-Type: text/plain

        Your message was successfully delivered to the destination(s) listed below.
        --b
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx1.dripline.example

        Final-Recipient: rfc822; happy@example.org
        Action: delivered
        Status: 2.0.0
        --b--
        """;

    // when parsed / then it is ignored
    assertThat(parser.process(raw(dsn)).kind()).isEqualTo(Kind.IGNORED);
  }

  @Test
  void aFailedRecipientWinsOverADelayedOneInTheSameReport() {
    // given a DSN with a delayed and a failed recipient
    String dsn = """
        From: MAILER-DAEMON@mx1.dripline.example
        Subject: Undelivered Mail Returned to Sender
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b"

        --b
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx1.dripline.example

        Final-Recipient: rfc822; later@example.org
        Action: delayed
        Status: 4.4.1

        Final-Recipient: rfc822; never@example.org
        Action: failed
        Status: 5.7.1
        Diagnostic-Code: smtp; 550 5.7.1 Service unavailable; client blocked
        --b--
        """;

    // when parsed
    BounceReport report = parser.process(raw(dsn));

    // then the failed one decides, with its own code; a client block is policy, so soft (reason, not class)
    assertThat(report.kind()).isEqualTo(Kind.SOFT_BOUNCE);
    assertThat(report.reason()).isEqualTo(BounceReason.POLICY);
    assertThat(report.recipient()).isEqualTo("never@example.org");
    assertThat(report.statusCode()).isEqualTo("5.7.1");
  }

  @Test
  void aReportWithoutTheOriginalIsMatchedByTheMessageIdItNames() {
    // given a DSN that returns no copy of the message but names it (as Gmail does)
    String dsn = """
        From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
        Subject: Delivery Status Notification (Failure)
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b"

        --b
        Content-Type: text/plain

        Your message wasn't delivered.
        --b
        Content-Type: message/delivery-status

        Reporting-MTA: dns; googlemail.com
        X-Original-Message-ID: <1005.c81e5f20a9b37d46@dripline.example>

        Final-Recipient: rfc822; someone.gone@gmail.com
        Action: failed
        Status: 5.1.1
        --b--
        """;

    // when parsed / then the original is known by its Message-ID
    BounceReport report = parser.process(raw(dsn));
    assertThat(report.kind()).isEqualTo(Kind.HARD_BOUNCE);
    assertThat(report.originalMessageId()).isEqualTo("<1005.c81e5f20a9b37d46@dripline.example>");
  }

  @Test
  void garbageNeverThrowsAndIsIgnored() {
    // given bytes that are not a sensible message at all
    byte[][] inputs = {new byte[0], "\u0000\u0001\r\n\r\n--".getBytes(StandardCharsets.ISO_8859_1),
        "Content-Type: multipart/report; boundary=\"x\"\r\n\r\n--x\r\nContent-Type: message/delivery-status\r\n\r\n\u0000"
            .getBytes(StandardCharsets.ISO_8859_1),
        "Content-Type: text/plain; charset=no-such-charset\r\n\r\nhello".getBytes(StandardCharsets.ISO_8859_1)};

    for (byte[] input : inputs) {
      // when parsed / then an IGNORED report, no exception
      BounceReport report = parser.process(new MailboxMessage(1, input, Instant.EPOCH));
      assertThat(report.kind()).isEqualTo(Kind.IGNORED);
    }
  }

  @Test
  void aMessageWhoseMimeStructureCannotBeParsedIsSetAsideAsUnreadableWithItsReason() {
    // given a multipart report whose boundary never appears
    String broken = """
        From: MAILER-DAEMON@mx1.dripline.example
        Subject: Undelivered Mail Returned to Sender
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="never-there"

        no boundary at all in this body
        """;

    // when parsed
    BounceReport report = parser.process(raw(broken));

    // then it is an IGNORED report for humans, saying what went wrong
    assertThat(report.kind()).isEqualTo(Kind.IGNORED);
    assertThat(report.unreadable()).isTrue();
    assertThat(report.detail()).startsWith("unreadable message: ");
  }

  @Test
  void aMessageTheMailboxCouldNotHandOverIsUnreadableAndKeyedByItsUid() {
    // given a message whose bytes the IMAP server would not give
    MailboxMessage item = MailboxMessage.unreadable(42, 7, "MessagingException: A7 BAD internal error");

    // when parsed
    BounceReport report = parser.process(item);

    // then it is unreadable, with the server's words and a key that is the same on every run
    assertThat(report.unreadable()).isTrue();
    assertThat(report.detail()).contains("A7 BAD internal error");
    assertThat(report.mailboxKey()).isEqualTo(MailboxMessage.unreadable(42, 7, "other words").mailboxKey());
  }

  @Test
  void theReceivedDateComesFromTheNewestReceivedHeaderWithoutTheImapEnvelope() {
    // given a null-sender bounce with two Received: headers and a Date:
    byte[] raw = """
        Received: from mx1 by imap.dripline.example; Tue, 1 Dec 2026 08:09:00 +0000
        Received: from elsewhere by mx1; Tue, 1 Dec 2026 08:08:00 +0000
        Date: Tue, 1 Dec 2026 08:00:00 +0000
        From: <>
        Subject: x

        body
        """.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);

    // when the date is read / then it is the topmost Received:, else the Date:
    assertThat(ImapMailboxReader.receivedAt(raw)).isEqualTo(Instant.parse("2026-12-01T08:09:00Z"));
    assertThat(ImapMailboxReader.receivedAt("Date: Tue, 1 Dec 2026 08:00:00 +0000\r\n\r\n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
    assertThat(ImapMailboxReader.receivedAt("From: <>\r\n\r\n".getBytes(StandardCharsets.UTF_8))).isNull();
  }

  @Test
  void statusCodesAreNotReadOutOfIpAddresses() {
    // given text with an IP address that contains "5.1.1" / when a code is looked for / then none is found
    assertThat(BounceParser.code("host 10.5.1.1 said hello")).isNull();
    assertThat(BounceParser.code("said: 550 5.1.1 <x@y.z>: unknown.")).isEqualTo("5.1.1");
    assertThat(BounceParser.code("Status: 4.2.2.")).isEqualTo("4.2.2");
  }

  @Test
  void aComplaintNamingSeveralAddressesNamesEachOnItsOwn() throws IOException {
    // given an ARF report whose Original-Rcpt-To lists two addresses / when parsed
    BounceReport report = parser.process(fixture("corpus/arf-comcast-several"));

    // then both are named, split, the first as the recipient
    assertThat(report.kind()).isEqualTo(Kind.COMPLAINT);
    assertThat(report.recipients()).containsExactly("max.r@comcast.test", "max.r.alt@comcast.test");
    assertThat(report.recipient()).isEqualTo("max.r@comcast.test");
  }

  @Test
  void anArfReportWithoutOriginalRcptToTakesTheRecipientFromTheReturnedMessage() throws IOException {
    // given an ARF report with the recipient redacted from the report part / when parsed
    BounceReport report = parser.process(fixture("corpus/arf-aol-redacted-rcpt"));

    // then the returned message's To: names who complained, and its delivery is known
    assertThat(report.kind()).isEqualTo(Kind.COMPLAINT);
    assertThat(report.recipient()).isEqualTo("lea.m@aol.test");
    assertThat(report.deliveryId()).isEqualTo(2040L);
  }

  @Test
  void aHotmailStyleComplaintWithoutAReportPartIsAComplaint() throws IOException {
    // given a junk-mail report that only forwards the original (X-HmXmrOriginalRecipient) / when parsed
    BounceReport report = parser.process(fixture("corpus/hotmail-jmrp-complaint"));

    // then it is a complaint by the original's recipient
    assertThat(report.kind()).isEqualTo(Kind.COMPLAINT);
    assertThat(report.recipient()).isEqualTo("oli.w@hotmail.test");
    assertThat(report.originalMessageId()).isEqualTo("<2043.7f3a9c1e5b2d4a60@news.example.org>");
  }

  @Test
  void aTextBounceNamesTheFailedRecipientNotTheOriginalSenderItQuotesFirst() {
    // given a text bounce whose prose names the original sender before the failed address
    String bounce = """
        From: Mail Delivery System <MAILER-DAEMON@relay.example.net>
        To: bounces@news.example.org
        Subject: Undeliverable mail

        Your message from stories@news.example.org (sent as bounces@news.example.org)
        could not be delivered to the following recipients:

        lost.reader@example.org: 550 5.1.1 no such user

        ------ This is a copy of the message, including all the headers. ------

        From: Stories <stories@news.example.org>
        To: lost.reader@example.org
        """;

    // when parsed / then the recipient is the failed one
    BounceReport report = parser.process(raw(bounce));
    assertThat(report.recipient()).isEqualTo("lost.reader@example.org");
    assertThat(report.kind()).isEqualTo(Kind.HARD_BOUNCE);
  }

  static MailboxMessage fixture(String name) throws IOException {
    try (InputStream in = BounceParserTests.class.getResourceAsStream("/bounces/" + name + ".eml")) {
      return new MailboxMessage(7, in.readAllBytes(), Instant.parse("2026-12-01T08:10:00Z"));
    }
  }

  private static MailboxMessage raw(String text) {
    return new MailboxMessage(7, text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
  }
}
