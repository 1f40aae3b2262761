package org.dripline.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.dripline.infra.UtcTime;
import org.dripline.testing.BounceMailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * bounceJob against a real IMAP mailbox (GreenMail) holding the .eml fixtures, with the real
 * Spring Batch job repository. {@link BounceJobIntegrationTests} runs these on H2,
 * {@link BounceJobMySqlIntegrationTests} over Connector/J against MariaDB.
 */
@SpringBootTest
@ActiveProfiles("test")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
abstract class BounceJobScenarios {

  static final String MAILBOX = "bounces@dripline.example";
  static final List<String> FIXTURES = List.of("postfix-dsn-hard-user-unknown", "postfix-dsn-soft-mailbox-full",
      "exim-text-hard", "qmail-text-hard", "gmail-dsn-hard", "outlook-ndr-hard", "arf-abuse-complaint",
      "exim-delay-warning", "mailto-unsubscribe", "forged-delivery-header", "out-of-office");

  @RegisterExtension
  static GreenMailExtension mail = BounceMailbox.server(MAILBOX);

  @DynamicPropertySource
  static void mailServers(DynamicPropertyRegistry registry) {
    BounceMailbox.register(registry, mail);
  }

  @Autowired
  JobOperator jobOperator;
  @Autowired
  @Qualifier("bounceJob")
  Job bounceJob;
  @Autowired
  JdbcTemplate jdbc;

  @BeforeEach
  void emptyEverything() throws Exception {
    mail.purgeEmailFromAllMailboxes();
    jdbc.update("delete from bounce_events");
    jdbc.update("delete from suppressions");
    jdbc.update("delete from deliveries");
    jdbc.update("delete from subscribers");
    // one subscriber and one sent delivery per fixture, with the ids and Message-IDs the fixtures quote
    subscriber(101, "gone@example.net", 1001, "<1001.4f2a9c1e7b3d5a60@dripline.example>");
    subscriber(102, "full@example.org", 1002, "<1002.0b7c3e91d2a4f865@dripline.example>");
    subscriber(103, "nouser@example.com", 1003, "<1003.93d1a07f5c2be418@dripline.example>");
    subscriber(104, "lost@example.net", 1004, "<1004.2e6f8a0b4c9d7135@dripline.example>");
    subscriber(105, "someone.gone@gmail.com", 1005, "<1005.c81e5f20a9b37d46@dripline.example>");
    subscriber(106, "left.company@outlook.com", 1006, "<1006.5d0e7c3a19f2b486@dripline.example>");
    subscriber(107, "complainer@yahoo.com", 1007, "<1007.e4a6b2c8d0f13579@dripline.example>");
    subscriber(108, "leaver@example.org", null, null);
    subscriber(109, "slow@example.com", 1009, "<1009.a7c5e3f1b9d20864@dripline.example>");
  }

  @Test
  void eachFixtureSuppressesExactlyWhomItShould() throws Exception {
    // given every fixture in the bounce mailbox
    FIXTURES.forEach(this::deliver);

    // when bounceJob runs
    JobExecution execution = jobOperator.startNextInstance(bounceJob);

    // then four hard bounces, three soft ones (qmail's bare "550 mailbox unavailable" names no reason, so
    // it only counts), one complaint, one unsubscribe, the forged report and the out-of-office reply are told apart
    assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    BounceCounts counts = BounceCounts.of(execution);
    assertThat(counts).usingRecursiveComparison().ignoringFields("reasons")
        .isEqualTo(new BounceCounts(4, 3, 0, 1, 1, 1, 1, 0));
    assertThat(counts.reasons()).containsExactlyInAnyOrderEntriesOf(Map.of(BounceReason.USER_UNKNOWN, 5L,
        BounceReason.MAILBOX_FULL, 1L, BounceReason.OTHER, 1L, BounceReason.RATE_LIMITED, 1L));
    assertThat(counts.toString()).contains("reasons: user-unknown=5 mailbox-full=1 rate-limited=1 other=1");
    assertThat(suppressions()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "gone@example.net", "HARD_BOUNCE", "nouser@example.com", "HARD_BOUNCE",
        "someone.gone@gmail.com", "HARD_BOUNCE", "left.company@outlook.com", "HARD_BOUNCE",
        "complainer@yahoo.com", "COMPLAINT", "leaver@example.org", "UNSUBSCRIBED"));
    assertThat(statuses()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "gone@example.net", "BOUNCED", "full@example.org", "ACTIVE", "nouser@example.com", "BOUNCED",
        "lost@example.net", "ACTIVE", "someone.gone@gmail.com", "BOUNCED", "left.company@outlook.com", "BOUNCED",
        "complainer@yahoo.com", "COMPLAINED", "leaver@example.org", "UNSUBSCRIBED", "slow@example.com", "ACTIVE"));
    // and every message is recorded once and has left the inbox for the processed folder
    assertThat(jdbc.queryForObject("select count(*) from bounce_events", Long.class)).isEqualTo(FIXTURES.size());
    assertThat(jdbc.queryForObject("select delivery_id from bounce_events where email = 'left.company@outlook.com'",
        Long.class)).isEqualTo(1006L);
    assertThat(jdbc.queryForObject("select reason from bounce_events where email = 'left.company@outlook.com'",
        String.class)).isEqualTo("USER_UNKNOWN");
    assertThat(folderSize("INBOX")).isZero();
    assertThat(folderSize("Dripline-Processed")).isEqualTo(FIXTURES.size());
  }

  @Test
  void runningAgainCountsNothingTwiceEvenWhenTheMessagesAreStillInTheInbox() throws Exception {
    // given a mailbox that was processed once
    FIXTURES.forEach(this::deliver);
    jobOperator.startNextInstance(bounceJob);
    Map<String, String> suppressedBefore = suppressions();

    // when it runs again on the emptied inbox, then on the same messages delivered again (as if the
    // first run had crashed after committing but before moving them)
    BounceCounts emptyRun = BounceCounts.of(jobOperator.startNextInstance(bounceJob));
    FIXTURES.forEach(this::deliver);
    BounceCounts sameMessages = BounceCounts.of(jobOperator.startNextInstance(bounceJob));

    // then nothing is counted or recorded twice
    assertThat(emptyRun.read()).isZero();
    assertThat(sameMessages).isEqualTo(new BounceCounts(0, 0, 0, 0, 0, 0, 0, FIXTURES.size()));
    assertThat(sameMessages.reasons()).isEmpty();
    assertThat(jdbc.queryForObject("select count(*) from bounce_events", Long.class)).isEqualTo(FIXTURES.size());
    assertThat(suppressions()).isEqualTo(suppressedBefore);
    assertThat(folderSize("INBOX")).isZero();
  }

  @Test
  void softBouncesSuppressOnlyAtTheLimitAndRepeatedWarningsForOneMessageCountOnce() throws Exception {
    // given three messages to the same subscriber that each soft-bounce, the first one twice
    delivery(2002, 102, "<2002.1a2b3c4d5e6f7081@dripline.example>");
    delivery(3002, 102, "<3002.9f8e7d6c5b4a3928@dripline.example>");
    deliver(softBounceFor(1002, "<1002.0b7c3e91d2a4f865@dripline.example>", "first"));
    deliver(softBounceFor(1002, "<1002.0b7c3e91d2a4f865@dripline.example>", "repeated"));
    deliver(softBounceFor(2002, "<2002.1a2b3c4d5e6f7081@dripline.example>", "second"));

    // when the first two messages' bounces are processed
    BounceCounts belowLimit = BounceCounts.of(jobOperator.startNextInstance(bounceJob));

    // then the subscriber is still active
    assertThat(belowLimit.soft()).isEqualTo(3);
    assertThat(statuses()).containsEntry("full@example.org", "ACTIVE");
    assertThat(suppressions()).doesNotContainKey("full@example.org");

    // when the third message soft-bounces too
    deliver(softBounceFor(3002, "<3002.9f8e7d6c5b4a3928@dripline.example>", "third"));
    BounceCounts atLimit = BounceCounts.of(jobOperator.startNextInstance(bounceJob));

    // then the limit (3 deliveries) is reached: suppressed like a hard bounce
    assertThat(atLimit.softSuppressed()).isEqualTo(1);
    assertThat(statuses()).containsEntry("full@example.org", "BOUNCED");
    assertThat(suppressions()).containsEntry("full@example.org", "HARD_BOUNCE");
  }

  @Test
  void aGuessedDeliveryIdCannotSuppressSomeoneElse() throws Exception {
    // given a forged text bounce that quotes delivery 1001 for another address and no Message-ID
    deliver("forged-delivery-header");

    // when processed
    BounceCounts counts = BounceCounts.of(jobOperator.startNextInstance(bounceJob));

    // then it is recorded as unmatched and gone@example.net keeps receiving mail
    assertThat(counts.unmatched()).isEqualTo(1);
    assertThat(suppressions()).isEmpty();
    assertThat(statuses()).containsEntry("gone@example.net", "ACTIVE");
  }

  @Test
  void aComplaintOutranksAnEarlierUnsubscribeButAHardBounceDoesNotOverwriteIt() throws Exception {
    // given a subscriber who unsubscribed by mail, then complained, then whose mailbox was deleted
    subscriber(110, "many@example.org", 1010, "<1010.0000111122223333@dripline.example>");
    deliver(fixtureText("mailto-unsubscribe").replace("Leaver@Example.org", "many@example.org"));
    deliver(fixtureText("arf-abuse-complaint").replace("1007.e4a6b2c8d0f13579", "1010.0000111122223333"));
    deliver(fixtureText("postfix-dsn-hard-user-unknown").replace("1001.4f2a9c1e7b3d5a60", "1010.0000111122223333"));

    // when processed
    jobOperator.startNextInstance(bounceJob);

    // then the status is the strongest signal and the suppression keeps the first reason
    assertThat(statuses()).containsEntry("many@example.org", "COMPLAINED");
    assertThat(suppressions()).containsEntry("many@example.org", "UNSUBSCRIBED");
  }

  @Test
  void aNullSenderBounceFirstInTheMailboxIsReadAndEverythingAfterItToo() throws Exception {
    // given a DSN from the null sender (From: <>), whose IMAP envelope Angus Mail cannot load, first in the inbox
    deliver(fixtureText("postfix-dsn-hard-user-unknown")
        .replace("From: MAILER-DAEMON@mx1.dripline.example (Mail Delivery System)", "From: <>"));
    FIXTURES.stream().filter(f -> !f.equals("postfix-dsn-hard-user-unknown")).forEach(this::deliver);

    // when bounceJob runs
    JobExecution execution = jobOperator.startNextInstance(bounceJob);

    // then the job completes, the null-sender bounce is a hard bounce like any other, and the inbox is empty
    assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(BounceCounts.of(execution).read()).isEqualTo(FIXTURES.size());
    assertThat(jdbc.queryForObject("select kind from bounce_events where email = 'gone@example.net'", String.class))
        .isEqualTo("HARD_BOUNCE");
    assertThat(jdbc.queryForObject("select received_at from bounce_events where email = 'gone@example.net'",
        Timestamp.class)).isNotNull();
    assertThat(suppressions()).containsEntry("gone@example.net", "HARD_BOUNCE");
    assertThat(folderSize("INBOX")).isZero();
  }

  @Test
  void aLargeMailboxWithSomeUnreadableMessagesIsReadToTheEndAndTheUnreadableAreSetAside() throws Exception {
    // given 200 messages: 190 null-sender DSNs with five kinds of diagnostic, and 10 whose MIME cannot be parsed
    String[][] diagnostics = {
        {"5.1.1", "550 5.1.1 Recipient address rejected: User unknown", "USER_UNKNOWN"},
        {"5.2.2", "552 5.2.2 Mailbox full", "MAILBOX_FULL"},
        {"5.7.1", "550 5.7.1 Client host blocked using zen.spamhaus.org", "POLICY"},
        {"4.4.7", "delivery time expired", "EXPIRED"},
        {"4.7.0", "421 4.7.0 Too many connections from your host", "RATE_LIMITED"}};
    int total = 200;
    int unreadable = 10;
    int readable = 0;
    for (int i = 0; i < total; i++) {
      if (i % (total / unreadable) == 7) {
        deliver("From: <>\r\nSubject: Undelivered Mail " + i + "\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"never-there\"\r\n\r\nbroken " + i
            + "\r\n");
      } else {
        String[] d = diagnostics[readable++ % diagnostics.length];
        deliver(dsn("r" + i + "@example.com", d[0], d[1]));
      }
    }
    long started = System.nanoTime();

    // when bounceJob runs once
    JobExecution execution = jobOperator.startNextInstance(bounceJob);

    // then it completes: 190 classified with their reasons, 10 IGNORED with what went wrong, in a folder of their own
    assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    BounceCounts counts = BounceCounts.of(execution);
    assertThat(counts.read()).isEqualTo(total);
    assertThat(counts.ignored()).isEqualTo(unreadable);
    assertThat(counts.unmatched()).isEqualTo(total - unreadable);
    assertThat(counts.reasons().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(total - unreadable);
    for (String[] d : diagnostics) {
      assertThat(counts.reasons().get(BounceReason.valueOf(d[2]))).as(d[2]).isEqualTo((total - unreadable) / 5);
    }
    assertThat(jdbc.queryForObject("select count(*) from bounce_events where kind = 'IGNORED'"
        + " and detail like 'unreadable message: %'", Long.class)).isEqualTo(unreadable);
    assertThat(jdbc.queryForObject("select count(*) from bounce_events where reason is not null", Long.class))
        .isEqualTo(total - unreadable);
    assertThat(folderSize("INBOX")).isZero();
    assertThat(folderSize("Dripline-Processed")).isEqualTo(total - unreadable);
    assertThat(folderSize("Dripline-Unreadable")).isEqualTo(unreadable);
    System.out.printf("bounceJob read %d messages in %d ms%n", total, (System.nanoTime() - started) / 1_000_000);
  }

  @Test
  void softBouncesOutsideTheWindowNoLongerCount() throws Exception {
    // given two soft bounces for full@example.org recorded 40 days ago (the window is 30 days)
    delivery(2002, 102, "<2002.1a2b3c4d5e6f7081@dripline.example>");
    delivery(3002, 102, "<3002.9f8e7d6c5b4a3928@dripline.example>");
    deliver(softBounceFor(1002, "<1002.0b7c3e91d2a4f865@dripline.example>", "first"));
    deliver(softBounceFor(2002, "<2002.1a2b3c4d5e6f7081@dripline.example>", "second"));
    jobOperator.startNextInstance(bounceJob);
    jdbc.update("update bounce_events set created_at = ?",
        Timestamp.valueOf(UtcTime.toDb(java.time.Instant.now().minus(java.time.Duration.ofDays(40)))));

    // when a third delivery soft-bounces today
    deliver(softBounceFor(3002, "<3002.9f8e7d6c5b4a3928@dripline.example>", "third"));
    BounceCounts counts = BounceCounts.of(jobOperator.startNextInstance(bounceJob));

    // then only one soft bounce is in the window: counted, nobody suppressed
    assertThat(counts.soft()).isEqualTo(1);
    assertThat(counts.softSuppressed()).isZero();
    assertThat(suppressions()).doesNotContainKey("full@example.org");
  }

  @Test
  void anUnreachableMailboxFailsTheJobWithoutWritingAnything() {
    // given a mailbox password that is wrong
    GreenMailUser user = mail.getUserManager().getUser("bounces");
    user.setPassword("changed");
    try {
      deliver("postfix-dsn-hard-user-unknown");

      // when bounceJob runs
      JobExecution execution = jobOperator.startNextInstance(bounceJob);

      // then it fails with the mailbox named, and nothing is recorded
      assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
      assertThat(execution.getAllFailureExceptions()).anySatisfy(e ->
          assertThat(e.getMessage()).contains("bounce mailbox bounces@127.0.0.1"));
      assertThat(jdbc.queryForObject("select count(*) from bounce_events", Long.class)).isZero();
    } finally {
      user.setPassword("secret");
    }
  }

  // --- helpers ---

  void subscriber(long id, String email, Integer deliveryId, String messageId) {
    Timestamp now = Timestamp.valueOf(UtcTime.toDb(java.time.Instant.parse("2026-11-01T00:00:00Z")));
    jdbc.update("insert into subscribers (id, email, status, created_at, updated_at) values (?, ?, 'ACTIVE', ?, ?)",
        id, email, now, now);
    if (deliveryId != null) {
      delivery(deliveryId, id, messageId);
    }
  }

  void delivery(long id, long subscriberId, String messageId) {
    Timestamp at = Timestamp.valueOf(UtcTime.toDb(java.time.Instant.parse("2026-12-01T08:00:00Z")));
    jdbc.update("insert into deliveries (id, campaign_id, step_id, subscriber_id, due_at, status, planned_at, sent_at,"
        + " message_id) values (?, 'working-mom-guilt', ?, ?, ?, 'SENT', ?, ?, ?)", id, "step-" + id, subscriberId, at, at,
        at, messageId);
  }

  String softBounceFor(long deliveryId, String messageId, String variant) {
    return fixtureText("postfix-dsn-soft-mailbox-full")
        .replace("<1002.0b7c3e91d2a4f865@dripline.example>", messageId)
        .replace("X-Dripline-Delivery: 1002", "X-Dripline-Delivery: " + deliveryId)
        .replace("7Ha1Kw3Mv2z1qPP@mx1", variant + "@mx1");
  }

  /** A minimal null-sender RFC 3464 report for one failed recipient that is not ours. */
  static String dsn(String recipient, String status, String diagnostic) {
    return String.join("\r\n", "Return-Path: <>", "Received: by mx1.dripline.example; Tue, 1 Dec 2026 08:02:11 +0000",
        "From: <>", "Subject: Undelivered Mail Returned to Sender", "MIME-Version: 1.0",
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"", "", "--b",
        "Content-Type: text/plain", "", "Your message could not be delivered.", "--b",
        "Content-Type: message/delivery-status", "", "Reporting-MTA: dns; mx1.dripline.example", "",
        "Final-Recipient: rfc822; " + recipient, "Action: failed", "Status: " + status,
        "Diagnostic-Code: smtp; " + diagnostic, "--b--", "");
  }

  static String fixtureText(String name) {
    try {
      return new String(BounceParserTests.fixture(name).raw(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A fixture name, or the full text of a message, into the bounce mailbox's INBOX. */
  void deliver(String fixtureOrText) {
    String text = fixtureOrText.contains("\n") ? fixtureOrText : fixtureText(fixtureOrText);
    try {
      MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
          new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
      mail.getUserManager().getUser("bounces").deliver(message);
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  int folderSize(String folder) throws Exception {
    GreenMailUser user = mail.getUserManager().getUser("bounces");
    var imap = mail.getManagers().getImapHostManager();
    var found = "INBOX".equals(folder) ? imap.getInbox(user) : imap.getFolder(user, folder);
    return found == null ? 0 : found.getMessageCount();
  }

  Map<String, String> suppressions() {
    Map<String, String> result = new java.util.TreeMap<>();
    jdbc.query("select email, reason from suppressions", rs -> {
      result.put(rs.getString(1), rs.getString(2));
    });
    return result;
  }

  Map<String, String> statuses() {
    Map<String, String> result = new java.util.TreeMap<>();
    jdbc.query("select email, status from subscribers", rs -> {
      result.put(rs.getString(1), rs.getString(2));
    });
    return result;
  }
}
