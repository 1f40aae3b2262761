package org.dripline.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.infra.InfraSettings;
import org.dripline.newsletter.IssueSent;
import org.dripline.render.TemplateEngine;
import org.dripline.testing.NewsletterFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentCopiesTests {

  static final Instant NOW = Instant.parse("2030-01-10T09:00:00Z");

  /** The table, without a database: what would be written. */
  static final class Kept extends ArchivedIssues {
    final List<Stored> saved = new ArrayList<>();

    Kept() {
      super(null);
    }

    final List<String> forgotten = new ArrayList<>();

    @Override
    void save(Stored copy) {
      saved.add(copy);
    }

    @Override
    void forget(String issueId) {
      forgotten.add(issueId);
    }
  }

  final Kept kept = new Kept();
  final InfraSettings infra = new InfraSettings("https://mail.example.org", "data", new InfraSettings.DevInbox(3025, 3143));
  final Archive archive = new Archive(null, null, null, null, kept, null, infra, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void anArchivedIssueIsKeptAsItWasSentForNobody() {
    // given the shipped issue (archive: true)
    Campaign issue = shipped();
    SentCopies copies = new SentCopies(kept, new TemplateEngine(Path.of("templates")), archive,
        Clock.fixed(NOW, ZoneOffset.UTC));

    // when its sending starts
    copies.sent(new IssueSent(issue, null, NOW));

    // then its anonymous copy is kept: its step, file version, subject, sender and first list, no tracking
    assertThat(kept.saved).singleElement().satisfies(copy -> {
      assertThat(copy.issueId()).isEqualTo("stories-weekly-2030-01");
      assertThat(copy.stepId()).isEqualTo(issue.steps().get(0).id());
      assertThat(copy.versionHash()).isEqualTo(issue.versionHash());
      assertThat(copy.subject()).isEqualTo("The guilt you can put down this week");
      assertThat(copy.author()).isEqualTo(issue.from().name());
      assertThat(copy.listId()).isEqualTo(issue.broadcast().firstList());
      assertThat(copy.html()).contains("https://mail.example.org/archive/stories-weekly-2030-01#"
          + AnonymousCopy.ABOUT_ANCHOR).doesNotContain("/t/o/", "/t/c/", "<img", "<script");
      assertThat(copy.storedAt()).isEqualTo(NOW);
    });
  }

  @Test
  void anIssueThatDoesNotRenderForNobodyIsNotKeptAndTheSendGoesOn(@TempDir Path emptyTemplates) {
    // given templates the issue cannot find
    SentCopies copies = new SentCopies(kept, new TemplateEngine(emptyTemplates),
        archive, Clock.fixed(NOW, ZoneOffset.UTC));

    // when its sending starts, then nothing is thrown and nothing kept (the archive renders the file instead)
    copies.sent(new IssueSent(shipped(), null, NOW));
    assertThat(kept.saved).isEmpty();
  }

  @Test
  void aWinnerThatDoesNotRenderForNobodyDropsTheFirstVariantsCopy(@TempDir Path emptyTemplates) {
    // given templates the issue can no longer find when its A/B winner is recorded
    SentCopies copies = new SentCopies(kept, new TemplateEngine(emptyTemplates),
        archive, Clock.fixed(NOW, ZoneOffset.UTC));

    // when the winner's event comes, then the first variant's copy is dropped (the archive renders the file)
    copies.sent(new IssueSent(shipped(), "b", NOW));
    assertThat(kept.saved).isEmpty();
    assertThat(kept.forgotten).containsExactly("stories-weekly-2030-01");

    // and a first copy that does not render drops nothing (there is none)
    copies.sent(new IssueSent(shipped(), null, NOW));
    assertThat(kept.forgotten).hasSize(1);
  }

  @Test
  void anIssueNotOnTheArchiveIsNotKept(@TempDir Path dir) throws Exception {
    // given the shipped issue with archive: false
    Path newsletters = Files.createDirectories(dir.resolve("newsletters"));
    Files.writeString(newsletters.resolve("stories-weekly-2030-01.yaml"),
        Files.readString(Path.of("newsletters/stories-weekly-2030-01.yaml")).replace("archive: true", "archive: false"));
    Campaign issue = new CampaignCatalog(Path.of("campaigns"), newsletters).load("stories-weekly-2030-01");
    SentCopies copies = new SentCopies(kept, new TemplateEngine(Path.of("templates")), archive,
        Clock.fixed(NOW, ZoneOffset.UTC));

    // when its sending starts, then nothing is kept
    copies.sent(new IssueSent(issue, null, NOW));
    assertThat(kept.saved).isEmpty();
  }

  @Test
  void theArchiveShowsTheOnlyStepOrTheRecordedWinnerOrUntilThenTheFirstVariant(@TempDir Path dir) throws Exception {
    // given the shipped issue, and a copy of it testing two subjects
    Campaign single = shipped();
    Path newsletters = Files.createDirectories(dir.resolve("newsletters"));
    Files.writeString(newsletters.resolve("stories-weekly-2030-01.yaml"),
        Files.readString(Path.of("newsletters/stories-weekly-2030-01.yaml")) + "\n" + NewsletterFixture.abTest(20, 1));
    Campaign ab = new CampaignCatalog(Path.of("campaigns"), newsletters).load("stories-weekly-2030-01");

    // then one step is always that step; an A/B test shows the winner once recorded, before that the first
    assertThat(Archive.shownStep(single, null)).isEqualTo(single.steps().get(0).id());
    assertThat(Archive.shownStep(single, "b")).isEqualTo(single.steps().get(0).id());
    assertThat(Archive.shownStep(ab, null)).isEqualTo("a");
    assertThat(Archive.shownStep(ab, "b")).isEqualTo("b");
    assertThat(Archive.shownStep(ab, "gone")).isEqualTo("a");
  }

  static Campaign shipped() {
    return new CampaignCatalog(Path.of("campaigns"), Path.of("newsletters")).load("stories-weekly-2030-01");
  }
}
