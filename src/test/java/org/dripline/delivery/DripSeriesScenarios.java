package org.dripline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.dripline.delivery.dkim.DkimSigning;
import org.dripline.run.DripRuns;
import org.dripline.run.RunSummary;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The working-mom-guilt series end to end over real SMTP (GreenMail) with the real Spring Batch
 * job repository. {@link DripSeriesIntegrationTests} runs these on H2,
 * {@link DripSeriesMySqlIntegrationTests} over Connector/J against MariaDB.
 */
@SpringBootTest
@ActiveProfiles("test")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
abstract class DripSeriesScenarios {

  static final String CAMPAIGN = "working-mom-guilt";
  /** 09:00 in New York (readers without a timezone), inside the series' 08:00-11:00 send window. */
  static final Instant DAY_ZERO = Instant.parse("2026-12-01T14:00:00Z");
  /** 09:00 in Paris the same day: the series' window is open there, closed in New York (04:00). */
  static final Instant PARIS_MORNING = DAY_ZERO.minus(Duration.ofHours(5));
  static final List<String> STEPS = List.of("welcome", "week-1", "week-2", "week-3", "week-4", "week-5", "week-6", "after-the-series");

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void smtpServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
  }

  @Autowired
  DripRuns runs;
  @Autowired
  SubscriberImporter importer;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  DkimSigning dkim;
  @TempDir
  Path tmp;

  @BeforeEach
  void emptyEverything() throws Exception {
    smtp.purgeEmailFromAllMailboxes();
    jdbc.update("delete from events");
    jdbc.update("delete from suppressions");
    jdbc.update("delete from deliveries");
    jdbc.update("delete from enrollments");
    jdbc.update("delete from subscriber_tags");
    jdbc.update("delete from subscriber_attributes");
    jdbc.update("delete from subscribers");
  }

  @Test
  void sendsEachEmailOfTheSeriesExactlyOnceInOrderOnItsDay() throws Exception {
    // given two subscribers, one without a first name
    importSubscribers("""
        email,first_name,timezone,tags,country
        zoe@example.org,Zoë,Europe/Paris,working-mom,FR
        anon@example.com,,,working-mom;newsletter,
        """);

    // when the drip runs every day for 57 days, in Paris's morning and in New York's (the series
    // sends only 08:00-11:00 on the reader's clock, and no hour is a morning in both)
    List<String> arrivals = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int day = 0; day < 57; day++) {
      for (Instant asOf : List.of(PARIS_MORNING, DAY_ZERO)) {
        RunSummary summary = runs.run(CAMPAIGN, asOf.plus(Duration.ofDays(day)));
        assertThat(summary.succeeded()).as("day %d: %s", day, summary.failure()).isTrue();
      }
      MimeMessage[] received = smtp.getReceivedMessages();
      for (MimeMessage message : received) {
        if (seen.add(message.getMessageID())) {
          arrivals.add(day + ":" + recipient(message) + ":" + message.getSubject());
        }
      }
      int expected = day % 7 == 0 && day <= 49 ? 2 * (day / 7 + 1) : 2 * Math.min(8, day / 7 + 1);
      assertThat(received).as("messages after day %d", day).hasSize(expected);
    }

    // then each step arrived once per subscriber, on day 7 * step
    assertThat(arrivals).hasSize(16);
    for (int step = 0; step < STEPS.size(); step++) {
      int day = step * 7;
      assertThat(arrivals).filteredOn(a -> a.startsWith(day + ":zoe@example.org:")).hasSize(1);
      assertThat(arrivals).filteredOn(a -> a.startsWith(day + ":anon@example.com:")).hasSize(1);
    }
    assertThat(arrivals).contains("0:zoe@example.org:Zoë, you love your kids and your career",
        "0:anon@example.com:You love your kids and your career",
        "14:zoe@example.org:Burnout is a signal, not a failure",
        "42:anon@example.com:You can be both");
    MimeMessage welcome = java.util.Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> subject(m).contains("love your kids")).findFirst().orElseThrow();
    assertThat(welcome.getHeader("X-Dripline-Delivery")).hasSize(1);
    assertThat(welcome.getHeader("Message-ID")[0]).matches("<\\d+\\.[0-9a-f]{16}@dripline\\.example>");
    MimeMultipart parts = (MimeMultipart) welcome.getContent();
    assertThat(parts.getContentType()).startsWith("multipart/alternative");
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat(GreenMailUtil.getBody(parts.getBodyPart(1))).contains("lang=3D\"en\"");
    // (the daycare variant and the burnout check-in are recorded as skipped: neither qualifies)
    assertThat(ledgerStatuses()).filteredOn("SENT"::equals).hasSize(16);
    assertThat(ledgerStatuses()).filteredOn("SKIPPED"::equals).hasSize(4);
    // and every message carries one-click List-Unsubscribe headers and a DKIM signature that verifies
    for (MimeMessage message : smtp.getReceivedMessages()) {
      assertThat(message.getHeader("List-Unsubscribe")[0]).matches("<http://localhost:8080/u/[A-Za-z0-9._-]+>, <mailto:[^>]+>");
      assertThat(message.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
      DkimVerifier.Result dkimResult = DkimVerifier.verify(message, dkim.dnsRecord());
      assertThat(dkimResult.verified()).as(dkimResult.output()).isTrue();
    }
  }

  @Test
  void resendsNothingWhenRunTwice() throws Exception {
    // given a run that sent the welcome email
    importSubscribers("email,first_name,tags\nada@example.org,Ada,working-mom\n");
    RunSummary first = runs.run(CAMPAIGN, DAY_ZERO);
    assertThat(first.sent()).isEqualTo(1);

    // when the same run is started again, and a run a second later
    RunSummary again = runs.run(CAMPAIGN, DAY_ZERO);
    RunSummary later = runs.run(CAMPAIGN, DAY_ZERO.plusSeconds(1));

    // then nothing more is sent
    assertThat(again.sent()).isZero();
    assertThat(later.planned()).isZero();
    assertThat(later.sent()).isZero();
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }

  @Test
  void enrollsOnlyTheAudience() throws Exception {
    // given one subscriber with the campaign's tag and one without
    importSubscribers("email,tags\nin@example.org,working-mom\nout@example.org,newsletter\n");

    // when the first run happens
    RunSummary summary = runs.run(CAMPAIGN, DAY_ZERO);

    // then only the tagged one gets the welcome
    assertThat(summary.enrolled()).isEqualTo(1);
    assertThat(smtp.getReceivedMessages()).extracting(DripSeriesScenarios::recipient)
        .containsExactly("in@example.org");
  }

  @Test
  void sendsTheVariantAndTheCheckInOnlyToThoseWhoQualify() throws Exception {
    // given two subscribers back from leave (by attribute, by tag) and two who will click in week 2
    importSubscribers("""
        email,first_name,tags,returning_from_leave
        ana@example.org,Ana,working-mom,yes
        bea@example.org,Bea,working-mom;returning-from-leave,
        cat@example.org,Cat,working-mom,no
        dot@example.org,Dot,working-mom,
        """);

    // when the drip runs daily to day 16, a person clicks week 2's burnout link for Cat and a link
    // scanner for Dot, and the drip runs on to day 21
    for (int day = 0; day <= 16; day++) {
      assertThat(runs.run(CAMPAIGN, DAY_ZERO.plus(Duration.ofDays(day))).succeeded()).isTrue();
    }
    click("cat@example.org", false);
    click("dot@example.org", true);
    for (int day = 17; day <= 21; day++) {
      assertThat(runs.run(CAMPAIGN, DAY_ZERO.plus(Duration.ofDays(day))).succeeded()).isTrue();
    }

    // then the daycare variant replaced week 1 exactly for Ana and Bea, and only Cat got the check-in
    assertThat(subjectsOf("ana@example.org")).contains("That feeling at the daycare door")
        .doesNotContain("What working mom guilt really is");
    assertThat(subjectsOf("bea@example.org")).contains("That feeling at the daycare door")
        .doesNotContain("What working mom guilt really is");
    assertThat(subjectsOf("cat@example.org")).contains("What working mom guilt really is", "Just checking in: how are you doing?")
        .doesNotContain("That feeling at the daycare door");
    assertThat(subjectsOf("dot@example.org")).doesNotContain("Just checking in: how are you doing?");
    for (String email : List.of("ana@example.org", "bea@example.org", "cat@example.org", "dot@example.org")) {
      assertThat(subjectsOf(email)).as(email).contains("What the research says about mom guilt").doesNotHaveDuplicates();
    }
    assertThat(jdbc.queryForObject("select count(*) from deliveries where step_id = 'burnout-check-in'"
        + " and status = 'SKIPPED'", Long.class)).isEqualTo(3);
  }

  /** A click on week 2's burnout link, recorded as the tracking endpoint records it. */
  void click(String email, boolean machine) {
    Long delivery = jdbc.queryForObject("select d.id from deliveries d join subscribers s on s.id = d.subscriber_id"
        + " where s.email = ? and d.step_id = 'week-2'", Long.class, email);
    Long link = jdbc.queryForObject("select id from links where step_id = 'week-2' and url = ?", Long.class,
        "https://example.org/blog/working-mom-guilt#burnout-and-depression");
    jdbc.update("insert into events (delivery_id, type, occurred_at, link_id, machine, machine_reason, user_agent_class)"
        + " values (?, 'CLICK', ?, ?, ?, ?, ?)", delivery, java.time.LocalDateTime.of(2026, 12, 16, 20, 0), link, machine,
        machine ? "scanner" : null, machine ? "scanner" : "browser");
  }

  List<String> subjectsOf(String email) {
    return java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m).equals(email))
        .map(DripSeriesScenarios::subject).toList();
  }

  List<String> ledgerStatuses() {
    return jdbc.queryForList("select status from deliveries", String.class);
  }

  void importSubscribers(String csv) throws Exception {
    Path file = tmp.resolve("subscribers-" + UUID.randomUUID() + ".csv");
    Files.writeString(file, csv);
    var report = importer.importFile(file, "test");
    assertThat(report.rejected()).as(report.rejections().toString()).isZero();
  }

  static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String recipient(MimeMessage message) {
    try {
      return ((jakarta.mail.internet.InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
