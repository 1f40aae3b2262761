package org.dripline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
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
 * The shipped series' 08:00-11:00 local window over hourly runs (its {@code run_every: PT1H}):
 * readers who join at 08:00Z, when it is 09:00 in Paris, midnight in Los Angeles and 03:00 in New
 * York, get the welcome and week 1 in their own morning, not at the enrollment hour.
 */
@SpringBootTest
@ActiveProfiles("test")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SeriesSendWindowIntegrationTests {

  static final String CAMPAIGN = "working-mom-guilt";
  /** A Tuesday in December: Paris is UTC+1, Los Angeles UTC-8, New York UTC-5. */
  static final Instant ENROLLED = Instant.parse("2026-12-01T08:00:00Z");
  static final Map<String, ZoneId> ZONES = Map.of(
      "zoe@example.org", ZoneId.of("Europe/Paris"),
      "maria@example.org", ZoneId.of("America/Los_Angeles"),
      "nozone@example.org", ZoneId.of("America/New_York"));

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "series-window");
  }

  @Autowired
  DripRuns runs;
  @Autowired
  SubscriberImporter importer;

  @Test
  void sendsTheWelcomeAndWeekOneInsideEachReadersOwnMorning() throws Exception {
    // given a reader in Paris, one in Los Angeles and one without a timezone (the series' New York)
    Path csv = Files.createTempFile("series-window", ".csv");
    Files.writeString(csv, "email,first_name,timezone,tags\nzoe@example.org,Zoë,Europe/Paris,working-mom\n"
        + "maria@example.org,Maria,America/Los_Angeles,working-mom\nnozone@example.org,,,working-mom\n");
    importer.importFile(csv, "test");

    // when the drip runs every hour for a day from the enrollment and from week 1's due time
    Map<String, Instant> sentAt = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (Instant due : new Instant[] {ENROLLED, ENROLLED.plus(Duration.ofDays(7))}) {
      for (int hour = 0; hour < 24; hour++) {
        Instant asOf = due.plus(Duration.ofHours(hour));
        RunSummary summary = runs.run(CAMPAIGN, asOf);
        assertThat(summary.succeeded()).as("%s: %s", asOf, summary.failure()).isTrue();
        for (MimeMessage message : smtp.getReceivedMessages()) {
          if (seen.add(message.getMessageID())) {
            String key = ((InternetAddress) message.getAllRecipients()[0]).getAddress() + " " + message.getSubject();
            assertThat(sentAt.put(key, asOf)).as("%s arrived twice", key).isNull();
          }
        }
      }
    }

    // then each got both emails once, each in the first hourly run inside 08:00-11:00 on her clock:
    // Paris at once (09:00), Los Angeles and New York at 08:00 rather than at midnight and 03:00
    assertThat(sentAt).hasSize(6);
    assertThat(sentAt.keySet()).filteredOn(k -> k.endsWith("What working mom guilt really is")).hasSize(3);
    Map<String, LocalTime> expected = Map.of("zoe@example.org", LocalTime.of(9, 0),
        "maria@example.org", LocalTime.of(8, 0), "nozone@example.org", LocalTime.of(8, 0));
    sentAt.forEach((key, asOf) -> {
      String email = key.substring(0, key.indexOf(' '));
      LocalTime local = asOf.atZone(ZONES.get(email)).toLocalTime();
      assertThat(local).as(key + " at " + asOf).isEqualTo(expected.get(email))
          .isBetween(LocalTime.of(8, 0), LocalTime.of(10, 59));
    });
  }
}
