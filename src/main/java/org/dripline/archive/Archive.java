package org.dripline.archive;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.infra.InfraSettings;
import org.dripline.lists.ListCatalog;
import org.dripline.lists.MailingList;
import org.dripline.newsletter.NewsletterIssues;
import org.dripline.render.TemplateEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The archived issues: newsletter issues with {@code archive: true} whose sending has started (the newsletter
 * module's {@link NewsletterIssues#sent()}: snapshot taken, not cancelled), newest first, each as an anonymous
 * reader got it: the copy {@link SentCopies} kept when it was sent ({@link ArchivedIssues}), so a later edit or
 * a deleted file changes nothing. An issue sent without a kept copy (before copies were kept) is rendered from
 * its file as it is now. An issue that is not archived, not sent, cancelled, or (without a kept copy) whose file
 * or templates no longer load is simply not there (the last is logged): the archive never shows half an issue.
 *
 * <p>The list and the copies are reused for {@code dripline.archive.refresh}, so a busy public page costs no
 * YAML parsing, rendering or query per request; a fallback copy is rendered again only when its file's version
 * changes.
 */
@Component
class Archive {

  private static final Logger log = LoggerFactory.getLogger(Archive.class);

  /** One archived issue, as the pages and the feed show it. {@code list}: its first list, when it still exists. */
  record Issue(String id, String subject, String preheader, Instant sentAt, String html, String author,
      Optional<MailingList> list) {
  }

  private record Rendered(String versionHash, String stepId, AnonymousCopy.Copy copy) {
  }

  private record Snapshot(Instant at, List<Issue> issues) {
  }

  private final CampaignCatalog catalog;
  private final NewsletterIssues newsletters;
  private final ListCatalog lists;
  private final TemplateEngine templates;
  private final ArchivedIssues stored;
  private final ArchiveSettings settings;
  private final String baseUrl;
  private final Clock clock;
  private final Map<String, Rendered> copies = new HashMap<>();
  private Snapshot snapshot;

  Archive(CampaignCatalog catalog, NewsletterIssues newsletters, ListCatalog lists, TemplateEngine templates,
      ArchivedIssues stored, ArchiveSettings settings, InfraSettings infra, Clock clock) {
    this.catalog = catalog;
    this.newsletters = newsletters;
    this.lists = lists;
    this.templates = templates;
    this.stored = stored;
    this.settings = settings;
    this.baseUrl = infra.baseUrl();
    this.clock = clock;
  }

  String archiveUrl() {
    return baseUrl + "/archive";
  }

  String issueUrl(String id) {
    return baseUrl + "/archive/" + id;
  }

  String feedUrl() {
    return baseUrl + "/archive/feed.atom";
  }

  /** Newest first. */
  synchronized List<Issue> issues() {
    Instant now = clock.instant();
    if (snapshot == null || settings.refresh().isZero() || !now.isBefore(snapshot.at().plus(settings.refresh()))) {
      snapshot = new Snapshot(now, load());
    }
    return snapshot.issues();
  }

  /** The archived issue with this id; the id is only ever compared, never used to read a file. */
  Optional<Issue> issue(String id) {
    return issues().stream().filter(issue -> issue.id().equals(id)).findFirst();
  }

  /**
   * Each sent issue (newest first) from its stored copy when it has one, else (sent before copies were kept, or
   * the copy could not be kept) rendered from its file as it is now. A file that still loads decides whether
   * the issue is archived (so {@code archive: false} withdraws it); a deleted or broken file leaves the stored
   * copy as the last word.
   */
  private List<Issue> load() {
    Map<String, Campaign> files = new HashMap<>();
    for (CampaignCatalog.Loaded loaded : catalog.loadNewsletters()) {
      if (loaded.campaign() != null) {
        files.put(loaded.id(), loaded.campaign());
      }
    }
    Map<String, ArchivedIssues.Stored> kept = stored.all();
    List<Issue> issues = new ArrayList<>();
    for (NewsletterIssues.SentIssue sent : newsletters.sent()) {
      Campaign file = files.get(sent.id());
      boolean archivedFile = file != null && file.isBroadcast() && file.broadcast().archive();
      ArchivedIssues.Stored copy = kept.get(sent.id());
      if (copy != null && (file == null || archivedFile)) {
        issues.add(new Issue(copy.issueId(), copy.subject(), copy.preheader(), sent.sentAt(), copy.html(),
            copy.author(), copy.listId() == null ? Optional.empty() : lists.find(copy.listId())));
      } else if (copy == null && archivedFile) {
        fromFile(file, sent).ifPresent(issues::add);
      }
    }
    copies.keySet().retainAll(files.keySet());
    return List.copyOf(issues);
  }

  /** The fallback: the issue rendered from its file now, or nothing when it no longer renders. */
  private Optional<Issue> fromFile(Campaign issue, NewsletterIssues.SentIssue sent) {
    try {
      AnonymousCopy.Copy copy = copy(issue);
      return Optional.of(new Issue(issue.id(), copy.subject(), copy.preheader(), sent.sentAt(), copy.html(),
          author(issue), lists.find(issue.broadcast().firstList())));
    } catch (RuntimeException e) {
      // A broken template or an issue file edited into an invalid one: left out, not served half-rendered.
      log.warn("The archive leaves out issue {}: it does not render for an anonymous reader: {}", issue.id(),
          e.getMessage());
      return Optional.empty();
    }
  }

  /** Who the issue is from, as the pages and the feed name it: the sender's name, else the issue's. */
  static String author(Campaign issue) {
    return issue.from().name() == null || issue.from().name().isBlank() ? issue.name() : issue.from().name();
  }

  private AnonymousCopy.Copy copy(Campaign issue) {
    String stepId = shownStep(issue);
    Rendered rendered = copies.get(issue.id());
    if (rendered == null || !rendered.versionHash().equals(issue.versionHash()) || !rendered.stepId().equals(stepId)
        || settings.refresh().isZero()) {
      rendered = new Rendered(issue.versionHash(), stepId, AnonymousCopy.render(templates, issue, stepId,
          issueUrl(issue.id())));
      copies.put(issue.id(), rendered);
    }
    return rendered.copy();
  }

  /**
   * The archive shows one copy of an issue: without A/B its one step; with A/B the winner once it is recorded
   * (what most readers got), until then the first variant.
   */
  private String shownStep(Campaign issue) {
    return shownStep(issue, issue.steps().size() == 1 ? null
        : newsletters.find(issue.id()).map(NewsletterIssues.Issue::winner).orElse(null));
  }

  /** As above, with the winner given (null: none recorded yet). */
  static String shownStep(Campaign issue, String winner) {
    if (issue.steps().size() == 1) {
      return issue.steps().get(0).id();
    }
    return winner != null && issue.step(winner).isPresent() ? winner : issue.steps().get(0).id();
  }
}
