package org.dripline.demo;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.dripline.DriplineApplication;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.Schedule;
import org.dripline.campaign.Step;
import org.dripline.infra.InfraSettings;
import org.dripline.run.DripRuns;
import org.dripline.run.RunSummary;
import org.dripline.subscriber.importing.ImportReport;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.web.WebSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What {@code mvn spring-boot:run} shows: the bundled subscribers go through the whole series on
 * a simulated timeline, into the dev inbox. A campaign with a local send window gets runs through
 * the 24 hours after each day a step falls due, so that subscribers around the world each get every
 * email in their own morning; days with nothing due are skipped, as their runs would send nothing.
 */
@Component
@ConditionalOnProperty(name = "dripline.mode", havingValue = "demo")
class DemoRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);
  static final String CAMPAIGN = "working-mom-guilt";

  private final SubscriberImporter importer;
  private final CampaignCatalog catalog;
  private final DripRuns runs;
  private final Environment environment;
  private final int days;
  private final InfraSettings infra;
  private final WebSettings web;

  DemoRunner(SubscriberImporter importer, CampaignCatalog catalog, DripRuns runs, Environment environment,
      DemoSettings settings, InfraSettings infra, WebSettings web) {
    this.importer = importer;
    this.catalog = catalog;
    this.runs = runs;
    this.environment = environment;
    this.days = settings.days();
    this.infra = infra;
    this.web = web;
  }

  @EventListener(ApplicationReadyEvent.class)
  void runDemo() throws Exception {
    long started = System.nanoTime();
    ImportReport imported;
    try (InputStream csv = new ClassPathResource("demo/subscribers.csv").getInputStream()) {
      imported = importer.importStream(csv, "demo/subscribers.csv", "import");
    }
    Instant dayZero = LocalDate.now(ZoneOffset.UTC).atTime(8, 0).toInstant(ZoneOffset.UTC);
    List<Instant> timeline = timeline(catalog.load(CAMPAIGN), dayZero, days);
    long sent = 0;
    long enrolled = 0;
    long failed = 0;
    for (Instant asOf : timeline) {
      RunSummary summary = runs.run(CAMPAIGN, asOf);
      sent += summary.sent();
      enrolled += summary.enrolled();
      failed += summary.failed();
      if (!summary.succeeded()) {
        log.error("Demo run at {} {}: {}", asOf, summary.status(), summary.failure());
        break;
      }
    }
    String port = environment.getProperty("local.server.port", "8080");
    log.info("""

        ==================================================================
         Dripline demo: {} subscribers imported ({}), {} enrolled in '{}'.
         Simulated {} days ({} runs) from {}: {} emails sent, {} failed, in {} ms.
         Read them:  http://localhost:{}/  (the dev inbox: HTML and text)
                     IMAP 127.0.0.1:{} (user = password = a recipient, e.g. zoe.martin@example.org)
         Console:    http://localhost:{}/console  (user {}, password {})
         Ops API:    curl -H 'Authorization: Bearer {}' http://localhost:{}/api/runs
         Stop with Ctrl+C.
        ==================================================================""",
        imported.imported() + imported.updated(), imported.summary(), enrolled, CAMPAIGN, days, timeline.size(),
        dayZero, sent, failed, (System.nanoTime() - started) / 1_000_000, port,
        infra.devInbox().imapPort(), port, web.console().username(),
        // Only the demo's own secrets are printed: a password or token the user configured never goes to the log.
        shownIfDemo(web.console().password(), DriplineApplication.DEMO_CONSOLE_PASSWORD),
        shownIfDemo(web.api().token(), DriplineApplication.DEMO_API_TOKEN), port);
  }

  /**
   * The run instants of {@code days} simulated days from {@code dayZero}. Without a send window, one run
   * a day (every due step goes out in it). With one, a step due on day N reaches a subscriber only in a
   * run inside the window on her own clock, so day N gets runs for 24 hours, spaced by the window's
   * length (whole {@code run_every}s, at least one): every timezone's window then holds one of them
   * (exactly one for the series), as it would hold the first of {@code serve}'s hourly runs, at a third
   * of their cost (8 runs a day for the series' three-hour window). Day 0 always runs (it enrolls). Offsets count
   * in whole days and the window is open every day, as the series' are; a weekday-only window would
   * hold a weekend step past these 24 hours.
   */
  static List<Instant> timeline(Campaign campaign, Instant dayZero, int days) {
    List<Instant> instants = new ArrayList<>();
    Schedule schedule = campaign.schedule();
    if (schedule.window() == null) {
      for (int day = 0; day < days; day++) {
        instants.add(dayZero.plus(Duration.ofDays(day)));
      }
      return instants;
    }
    Duration every = schedule.runEvery() == null ? Duration.ofHours(1) : schedule.runEvery();
    Duration open = Duration.between(schedule.window().from(), schedule.window().to());
    Duration step = every.multipliedBy(Math.max(1, open.dividedBy(every)));
    Set<Long> dueDays = campaign.steps().stream().map(Step::offset).map(Duration::toDays).collect(Collectors.toSet());
    for (int day = 0; day < days; day++) {
      if (day == 0 || dueDays.contains((long) day)) {
        Instant start = dayZero.plus(Duration.ofDays(day));
        for (Instant at = start; at.isBefore(start.plus(Duration.ofDays(1))); at = at.plus(step)) {
          instants.add(at);
        }
      }
    }
    return instants;
  }

  private static String shownIfDemo(String value, String demoValue) {
    return demoValue.equals(value) ? value : "(as configured)";
  }
}
