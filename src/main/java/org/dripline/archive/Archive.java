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
 * The archived issues: newsletter files with {@code archive: true} whose sending has started (the newsletter
 * module's {@link NewsletterIssues#sent()}: snapshot taken, not cancelled), newest first, each rendered once for
 * an anonymous reader. An issue that is not archived, not sent, cancelled, or whose file or templates no longer
 * load is simply not there (the last is logged): the archive never shows a half-rendered issue.
 *
 * <p>The list and the copies are reused for {@code dripline.archive.refresh}, so a busy public page costs no
 * YAML parsing, rendering or query per request; a copy is rendered again only when its file's version changes.
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
  private final ArchiveSettings settings;
  private final String baseUrl;
  private final Clock clock;
  private final Map<String, Rendered> copies = new HashMap<>();
  private Snapshot snapshot;

  Archive(CampaignCatalog catalog, NewsletterIssues newsletters, ListCatalog lists, TemplateEngine templates,
      ArchiveSettings settings, InfraSettings infra, Clock clock) {
    this.catalog = catalog;
    this.newsletters = newsletters;
    this.lists = lists;
    this.templates = templates;
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

  private List<Issue> load() {
    Map<String, Campaign> archived = new HashMap<>();
    for (CampaignCatalog.Loaded loaded : catalog.loadNewsletters()) {
      Campaign issue = loaded.campaign();
      if (issue != null && issue.isBroadcast() && issue.broadcast().archive()) {
        archived.put(issue.id(), issue);
      }
    }
    List<Issue> issues = new ArrayList<>();
    for (NewsletterIssues.SentIssue sent : newsletters.sent()) {
      Campaign issue = archived.get(sent.id());
      if (issue == null) {
        continue;
      }
      try {
        AnonymousCopy.Copy copy = copy(issue);
        String author = issue.from().name() == null || issue.from().name().isBlank() ? issue.name() : issue.from().name();
        issues.add(new Issue(issue.id(), copy.subject(), copy.preheader(), sent.sentAt(), copy.html(), author,
            lists.find(issue.broadcast().firstList())));
      } catch (RuntimeException e) {
        // A broken template or an issue file edited into an invalid one: left out, not served half-rendered.
        log.warn("The archive leaves out issue {}: it does not render for an anonymous reader: {}", issue.id(),
            e.getMessage());
      }
    }
    copies.keySet().retainAll(archived.keySet());
    return List.copyOf(issues);
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
    if (issue.steps().size() == 1) {
      return issue.steps().get(0).id();
    }
    return newsletters.find(issue.id()).map(NewsletterIssues.Issue::winner)
        .filter(winner -> issue.step(winner).isPresent())
        .orElse(issue.steps().get(0).id());
  }
}
