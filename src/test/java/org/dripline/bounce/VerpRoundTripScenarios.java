package org.dripline.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.dripline.run.DripRuns;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.BounceMailbox;
import org.dripline.tracking.BounceAddresses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
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
 * VERP round trip through GreenMail: a run sends with each delivery's own bounce address as the
 * envelope sender, and a bounce that quotes nothing of the original, sent back to that address,
 * matches exactly its delivery in bounceJob and in {@code bounces --file}.
 * {@link VerpRoundTripIntegrationTests} runs it on H2, {@link VerpRoundTripMySqlIntegrationTests}
 * over Connector/J against MariaDB.
 */
@SpringBootTest
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
abstract class VerpRoundTripScenarios {

  static final String BOUNCE_DOMAIN = "bounces.dripline.example";

  @RegisterExtension
  static GreenMailExtension mail = BounceMailbox.server("bounces@" + BOUNCE_DOMAIN);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    BounceMailbox.register(registry, mail);
    registry.add("dripline.smtp.verp-domain", () -> BOUNCE_DOMAIN);
  }

  @Autowired
  DripRuns runs;
  @Autowired
  SubscriberImporter importer;
  @Autowired
  JobOperator jobOperator;
  @Autowired
  @Qualifier("bounceJob")
  Job bounceJob;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  BounceAddresses bounceAddresses;
  @Autowired
  BounceFileCheck fileCheck;
  @TempDir
  Path tmp;

  @Test
  void aBounceWithNoQuotedHeadersSentToTheBounceAddressMatchesExactlyItsDelivery() throws Exception {
    // given three subscribers who each got the welcome, each with a bounce address of their own
    Path csv = tmp.resolve("three.csv");
    Files.writeString(csv, "email,first_name,tags\nzoe@example.org,Zoë,working-mom\nada@example.org,Ada,working-mom\n"
        + "bea@example.org,Bea,working-mom\n");
    importer.importFile(csv, "test");
    assertThat(runs.run("working-mom-guilt", Instant.parse("2026-12-01T14:00:00Z")).sent()).isEqualTo(3);
    long zoeDelivery = deliveryOf("zoe@example.org");
    long adaDelivery = deliveryOf("ada@example.org");

    // then what GreenMail received has the delivery's signed bounce address as Return-Path (MAIL FROM),
    // while From is still the campaign's address
    MimeMessage toZoe = receivedBy("zoe@example.org");
    String returnPath = toZoe.getHeader("Return-Path")[0].replaceAll("[<>\\s]", "");
    assertThat(returnPath).startsWith("bounces+").endsWith("@" + BOUNCE_DOMAIN);
    assertThat(returnPath.substring(0, returnPath.indexOf('@')).length()).isLessThanOrEqualTo(64);
    assertThat(bounceAddresses.deliveryId(returnPath)).contains(zoeDelivery);
    assertThat(toZoe.getFrom()[0].toString()).contains("<stories@dripline.example>");
    String adaReturnPath = receivedBy("ada@example.org").getHeader("Return-Path")[0].replaceAll("[<>\\s]", "");
    assertThat(adaReturnPath).isNotEqualTo(returnPath);
    // and the list headers are there
    assertThat(toZoe.getHeader("List-Id")[0]).endsWith("<working-mom-guilt.dripline.example>");
    assertThat(toZoe.getHeader("Feedback-ID")).containsExactly("working-mom-guilt:welcome:dripline");

    // when a bounce quoting no header of the original (no Message-ID, no X-Dripline-Delivery), naming a
    // forwarding address Dripline never wrote to, comes back to zoe's bounce address (upper-cased by an MTA),
    // and a forged one comes to a tampered copy of ada's
    String bounce = dsnWithoutQuotedHeaders(returnPath.toUpperCase(java.util.Locale.ROOT), "zoe.forwarded@example.net");
    String forged = dsnWithoutQuotedHeaders(tampered(adaReturnPath), "ada@example.org");
    deliver(bounce);
    deliver(forged);
    JobExecution execution = jobOperator.startNextInstance(bounceJob);

    // then the bounce matches zoe's delivery exactly and suppresses her; the forged one matches nothing
    assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    BounceCounts counts = BounceCounts.of(execution);
    assertThat(counts.hard()).isEqualTo(1);
    assertThat(counts.unmatched()).isEqualTo(1);
    assertThat(jdbc.queryForList("select delivery_id from bounce_events where delivery_id is not null", Long.class))
        .containsExactly(zoeDelivery);
    assertThat(jdbc.queryForObject("select email from bounce_events where delivery_id = ?", String.class, zoeDelivery))
        .isEqualTo("zoe@example.org");
    assertThat(suppressions()).containsExactly(Map.entry("zoe@example.org", "HARD_BOUNCE"));
    assertThat(jdbc.queryForObject("select status from subscribers where email = 'ada@example.org'", String.class))
        .isEqualTo("ACTIVE");
    assertThat(adaDelivery).isNotEqualTo(zoeDelivery);

    // and the offline check reads the same saved messages the same way
    Path saved = Files.createDirectories(tmp.resolve("saved"));
    Files.writeString(saved.resolve("1-bounce.eml"), bounce);
    Files.writeString(saved.resolve("2-forged.eml"), forged);
    List<BounceFileCheck.Checked> checked = new ArrayList<>();
    fileCheck.check(saved, checked::add);
    assertThat(checked).extracting(BounceFileCheck.Checked::deliveryId).containsExactly(zoeDelivery, null);
  }

  /** An RFC 3464 report with the failed recipient only: no returned message, no returned headers. */
  static String dsnWithoutQuotedHeaders(String to, String finalRecipient) {
    return """
        Return-Path: <>
        Delivered-To: %1$s
        From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
        To: %1$s
        Subject: Undelivered Mail Returned to Sender
        Date: Tue, 1 Dec 2026 08:05:00 +0000
        Message-ID: <%3$s@mx.example.net>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: text/plain; charset=us-ascii

        I'm sorry to have to inform you that your message could not be delivered.

        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.net

        Final-Recipient: rfc822; %2$s
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 <%2$s>: Recipient address rejected: User unknown

        --b1--
        """.formatted(to, finalRecipient, Integer.toHexString(to.hashCode()));
  }

  /** The same address with one character of its signature changed. */
  static String tampered(String address) {
    int at = address.indexOf('@');
    char last = address.charAt(at - 1);
    return address.substring(0, at - 1) + (last == 'a' ? 'b' : 'a') + address.substring(at);
  }

  long deliveryOf(String email) {
    return jdbc.queryForObject("select d.id from deliveries d join subscribers s on s.id = d.subscriber_id"
        + " where s.email = ? and d.status = 'SENT'", Long.class, email);
  }

  MimeMessage receivedBy(String email) throws Exception {
    return Arrays.stream(mail.getReceivedMessages())
        .filter(m -> {
          try {
            return m.getAllRecipients()[0].toString().contains(email);
          } catch (jakarta.mail.MessagingException e) {
            return false;
          }
        }).findFirst().orElseThrow();
  }

  void deliver(String text) throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
        new ByteArrayInputStream(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    mail.getUserManager().getUser("bounces").deliver(message);
  }

  Map<String, String> suppressions() {
    Map<String, String> result = new java.util.TreeMap<>();
    jdbc.query("select email, reason from suppressions", rs -> {
      result.put(rs.getString(1), rs.getString(2));
    });
    return result;
  }
}
