package org.dripline.demo;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.dripline.DriplineApplication;
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
 * a simulated timeline (one run per day, as a daily schedule would), into the dev inbox.
 */
@Component
@ConditionalOnProperty(name = "dripline.mode", havingValue = "demo")
class DemoRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);
  static final String CAMPAIGN = "working-mom-guilt";

  private final SubscriberImporter importer;
  private final DripRuns runs;
  private final Environment environment;
  private final int days;
  private final InfraSettings infra;
  private final WebSettings web;

  DemoRunner(SubscriberImporter importer, DripRuns runs, Environment environment, DemoSettings settings,
      InfraSettings infra, WebSettings web) {
    this.importer = importer;
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
    long sent = 0;
    long enrolled = 0;
    long failed = 0;
    for (int day = 0; day < days; day++) {
      RunSummary summary = runs.run(CAMPAIGN, dayZero.plus(Duration.ofDays(day)));
      sent += summary.sent();
      enrolled += summary.enrolled();
      failed += summary.failed();
      if (!summary.succeeded()) {
        log.error("Demo run for day {} {}: {}", day, summary.status(), summary.failure());
        break;
      }
    }
    String port = environment.getProperty("local.server.port", "8080");
    log.info("""

        ==================================================================
         Dripline demo: {} subscribers imported ({}), {} enrolled in '{}'.
         Simulated {} daily runs from {}: {} emails sent, {} failed, in {} ms.
         Read them:  http://localhost:{}/  (the dev inbox: HTML and text)
                     IMAP 127.0.0.1:{} (user = password = a recipient, e.g. zoe.martin@example.org)
         Console:    http://localhost:{}/console  (user {}, password {})
         Ops API:    curl -H 'Authorization: Bearer {}' http://localhost:{}/api/runs
         Stop with Ctrl+C.
        ==================================================================""",
        imported.imported() + imported.updated(), imported.summary(), enrolled, CAMPAIGN, days, dayZero, sent,
        failed, (System.nanoTime() - started) / 1_000_000, port,
        infra.devInbox().imapPort(), port, web.console().username(),
        // Only the demo's own secrets are printed: a password or token the user configured never goes to the log.
        shownIfDemo(web.console().password(), DriplineApplication.DEMO_CONSOLE_PASSWORD),
        shownIfDemo(web.api().token(), DriplineApplication.DEMO_API_TOKEN), port);
  }

  private static String shownIfDemo(String value, String demoValue) {
    return demoValue.equals(value) ? value : "(as configured)";
  }
}
