package org.dripline.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.lists.ListMemberships;
import org.dripline.newsletter.NewsletterIssues;
import org.dripline.newsletter.NewsletterSending;
import org.dripline.run.NewsletterRuns;
import org.dripline.run.RunOptions;
import org.dripline.run.RunSummary;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Sends the fixture's issues the way an operator does ({@code newsletter send}, {@code newsletter cancel}), to
 * readers seeded with distinctive names, addresses and cities, over GreenMail: the archive then has real sent
 * issues to show, and the readers' copies prove what personal data there was to leak.
 */
record ArchiveSending(NewsletterRuns newsletters, NewsletterIssues issues, NewsletterSending sending,
    CampaignCatalog catalog, SubscriberImporter importer, ListMemberships memberships, JdbcTemplate jdbc,
    GreenMailExtension smtp) {

  /** The sending of a {@code @SpringBootTest} class, through its context's beans, to its GreenMail. */
  static ArchiveSending of(ApplicationContext app, GreenMailExtension smtp) {
    return new ArchiveSending(app.getBean(NewsletterRuns.class), app.getBean(NewsletterIssues.class),
        app.getBean(NewsletterSending.class), app.getBean(CampaignCatalog.class), app.getBean(SubscriberImporter.class),
        app.getBean(ListMemberships.class), app.getBean(JdbcTemplate.class), smtp);
  }

  static void properties(DynamicPropertyRegistry registry, GreenMailExtension smtp, Path files, String name) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    registry.add("dripline.campaigns-dir", () -> files.resolve("campaigns").toString());
    registry.add("dripline.newsletters-dir", () -> files.resolve("newsletters").toString());
    registry.add("dripline.lists.dir", () -> files.resolve("lists").toString());
    registry.add("dripline.templates-dir", () -> files.resolve("templates").toString());
  }

  /** Two readers on the fixture's list, with a name, a city and an address found nowhere else. */
  void seedReaders(Path tmp) throws Exception {
    Path csv = tmp.resolve("readers.csv");
    Files.writeString(csv, "email,first_name,timezone,city\n"
        + ArchiveFixture.READER_EMAIL + "," + ArchiveFixture.READER_NAME + ",Europe/Berlin," + ArchiveFixture.READER_CITY
        + "\n" + ArchiveFixture.OTHER_EMAIL + "," + ArchiveFixture.OTHER_NAME + ",,\n");
    assertThat(importer.importFile(csv, "test").rejected()).isZero();
    for (Long id : jdbc.queryForList("select id from subscribers", Long.class)) {
      memberships.join(id, ArchiveFixture.LIST, new ListMemberships.Consent("test", "v1", null), true, Instant.now());
    }
  }

  /** {@code newsletter send ID}: snapshot, plan and send now, waiting for the run. */
  RunSummary send(String issueId) {
    RunSummary summary = newsletters.send(issueId, RunOptions.NONE, view -> { });
    assertThat(summary.succeeded()).as(summary.failure()).isTrue();
    return summary;
  }

  /**
   * Sending started (the snapshot is taken, as the send job's first step takes it), then {@code newsletter
   * cancel} before anything was sent: the archive must treat it as never sent.
   */
  void startThenCancel(String issueId) {
    Campaign issue = catalog.load(issueId);
    Instant now = Instant.now();
    issues.begin(issue, NewsletterIssues.SendMode.NOW, now, now);
    assertThat(sending.snapshot(issue, now)).isPositive();
    assertThat(issues.sent()).extracting(NewsletterIssues.SentIssue::id).contains(issueId);
    sending.cancel(issueId, now.plusSeconds(1));
  }

  /** The text of every message this reader received (headers left out). */
  List<String> receivedBy(String email) throws Exception {
    List<String> texts = new ArrayList<>();
    for (MimeMessage message : Arrays.stream(smtp.getReceivedMessages()).filter(m -> to(m).equals(email)).toList()) {
      StringBuilder text = new StringBuilder(message.getSubject()).append('\n');
      Multipart parts = (Multipart) message.getContent();
      for (int i = 0; i < parts.getCount(); i++) {
        BodyPart part = parts.getBodyPart(i);
        text.append(part.getContent()).append('\n');
      }
      texts.add(text.toString());
    }
    return texts;
  }

  private static String to(MimeMessage message) {
    try {
      return ((InternetAddress) message.getRecipients(jakarta.mail.Message.RecipientType.TO)[0]).getAddress();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
