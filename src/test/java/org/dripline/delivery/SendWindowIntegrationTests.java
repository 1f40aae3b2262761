package org.dripline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dripline.run.DripRuns;
import org.dripline.run.RunSummary;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The series with a 07:00-08:00 local send window, run every hour from late September to early
 * November 2026, across New Zealand's (27 Sep), Europe's (25 Oct) and the US's (1 Nov) clock
 * changes: each subscriber gets each email exactly once, at 07:00 on their own clock.
 */
@SpringBootTest
@ActiveProfiles("test")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SendWindowIntegrationTests {

  static final Path CAMPAIGNS = windowedCampaign();
  static final Instant ENROLLED = Instant.parse("2026-09-24T00:00:00Z");
  static final Map<String, ZoneId> ZONES = Map.of(
      "kiri@example.org", ZoneId.of("Pacific/Auckland"),
      "lena@example.org", ZoneId.of("Europe/Berlin"),
      "maria@example.org", ZoneId.of("America/Los_Angeles"),
      "nozone@example.org", ZoneId.of("America/New_York"));

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "window");
    registry.add("dripline.campaigns-dir", CAMPAIGNS::toString);
  }

  @Autowired
  DripRuns runs;
  @Autowired
  SubscriberImporter importer;

  @Test
  void deliversEachStepOnceAtSevenOnEachSubscribersOwnClockAcrossDaylightSavingChanges() throws Exception {
    // given four subscribers, one without a timezone (the campaign default, New York)
    Path csv = Files.createTempFile("window", ".csv");
    Files.writeString(csv, "email,timezone,tags\nkiri@example.org,Pacific/Auckland,working-mom\n"
        + "lena@example.org,Europe/Berlin,working-mom\nmaria@example.org,America/Los_Angeles,working-mom\n"
        + "nozone@example.org,,working-mom\n");
    importer.importFile(csv, "test");

    // when the drip runs every hour for two days after each step falls due
    Map<String, Instant> sentAt = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (int week = 0; week <= 6; week++) {
      Instant due = ENROLLED.plus(Duration.ofDays(7L * week));
      for (int hour = 0; hour < 48; hour++) {
        Instant asOf = due.plus(Duration.ofHours(hour));
        RunSummary summary = runs.run("windowed", asOf);
        assertThat(summary.succeeded()).as("%s: %s", asOf, summary.failure()).isTrue();
        for (MimeMessage message : smtp.getReceivedMessages()) {
          if (seen.add(message.getMessageID())) {
            String key = message.getAllRecipients()[0] + " " + message.getSubject();
            assertThat(sentAt.put(key, asOf)).as("%s arrived twice", key).isNull();
          }
        }
      }
    }

    // then 4 x 7 messages, each sent in the run at 07:00 local time on the subscriber's clock
    assertThat(sentAt).hasSize(28);
    sentAt.forEach((key, asOf) -> {
      ZonedDateTime local = asOf.atZone(ZONES.get(key.substring(0, key.indexOf(' '))));
      assertThat(local.toLocalTime()).as(key + " at " + local).isEqualTo(LocalTime.of(7, 0));
    });
  }

  static Path windowedCampaign() {
    try {
      Path dir = Files.createTempDirectory("campaigns");
      String series = Files.readString(Path.of("campaigns/working-mom-guilt.yaml"))
          .replace("id: working-mom-guilt", "id: windowed")
          // the series' own 08:00-11:00 window, narrowed to one hour so each send has one right run
          .replaceFirst("(?m)^  send_window: .*$",
              "  send_window: { days: [MON, TUE, WED, THU, FRI, SAT, SUN], from: \"07:00\", to: \"08:00\" }");
      if (!series.contains("from: \"07:00\"")) {
        throw new IllegalStateException("the series has no send_window line to narrow");
      }
      Files.writeString(dir.resolve("windowed.yaml"), series);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
