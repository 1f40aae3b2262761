package org.dripline.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.CampaignFiles;
import org.dripline.campaign.NewsletterChecks;
import org.dripline.campaign.Problem;
import org.dripline.lists.ListCatalog;
import org.dripline.lists.MailingList;
import org.dripline.newsletter.NewsletterIssues;
import org.dripline.newsletter.NewsletterState;
import org.dripline.render.TemplateEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check every campaign, newsletter issue, list and template; print each problem as"
        + " file:line:column: what is wrong. A newsletter issue's past send_at is only a warning"
        + " (file:line:column: warning: ...): without the database a sent issue looks like one not sent.")
class ValidateCommand implements Callable<Integer> {

  private final CampaignCatalog catalog;
  private final TemplateEngine templates;
  private final ListCatalog lists;
  private final NewsletterIssues issues;
  private final java.time.Clock clock;

  @Spec
  CommandLine.Model.CommandSpec spec;

  /** Campaigns and templates only (no lists, no database): for tests of the campaign checks. */
  ValidateCommand(CampaignCatalog catalog, TemplateEngine templates) {
    this(catalog, templates, null, null, java.time.Clock.systemUTC());
  }

  /**
   * In the files-only context of {@code validate} (CliLauncher) there is no database: the issues'
   * state and the clock bean are then absent, and an issue with a past send_at is a warning (it
   * cannot be told from one not sent yet, and once one went out its file stays in git: an error
   * would fail every later validate). With the database a past send_at of an issue not sent is an error.
   */
  @org.springframework.beans.factory.annotation.Autowired
  ValidateCommand(CampaignCatalog catalog, TemplateEngine templates, ListCatalog lists,
      org.springframework.beans.factory.ObjectProvider<NewsletterIssues> issues,
      org.springframework.beans.factory.ObjectProvider<java.time.Clock> clock) {
    this(catalog, templates, lists, issues.getIfAvailable(), clock.getIfAvailable(java.time.Clock::systemUTC));
  }

  ValidateCommand(CampaignCatalog catalog, TemplateEngine templates, ListCatalog lists, NewsletterIssues issues,
      java.time.Clock clock) {
    this.catalog = catalog;
    this.templates = templates;
    this.lists = lists;
    this.issues = issues;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    List<Problem> problems = new ArrayList<>(templates.parseAll());
    List<CampaignCatalog.Loaded> campaigns = catalog.loadAll();
    for (CampaignCatalog.Loaded loaded : campaigns) {
      problems.addAll(loaded.problems());
      if (loaded.campaign() != null) {
        templates.check(loaded.campaign()).stream().filter(p -> !problems.contains(p)).forEach(problems::add);
      }
    }
    if (lists != null) {
      problems.addAll(lists.problems());
    }
    List<CampaignCatalog.Loaded> newsletters = catalog.loadNewsletters();
    List<Campaign> loadedIssues = newsletters.stream().map(CampaignCatalog.Loaded::campaign)
        .filter(Objects::nonNull).toList();
    Set<String> listIds = lists == null ? Set.of() : lists.all().stream().map(MailingList::id).collect(Collectors.toSet());
    for (CampaignCatalog.Loaded loaded : newsletters) {
      problems.addAll(loaded.problems());
      Campaign issue = loaded.campaign();
      if (issue != null) {
        templates.check(issue).stream().filter(p -> !problems.contains(p)).forEach(problems::add);
        problems.addAll(NewsletterChecks.check(issue, listIds, clock.instant(), sending(issue), loadedIssues));
      }
    }
    problems.stream().sorted().forEach(p -> spec.commandLine().getErr().println(p));
    if (campaigns.isEmpty()) {
      spec.commandLine().getErr().println(catalog.directory() + ": no campaign files (" + CampaignFiles.NAMES + ") found");
      return CliRunner.INVALID;
    }
    if (!newsletters.isEmpty() || !listIds.isEmpty()) {
      spec.commandLine().getOut().println(newsletters.size() + " newsletter issue(s) and " + listIds.size()
          + " list(s) checked");
    }
    long warnings = problems.stream().filter(Problem::isWarning).count();
    long errors = problems.size() - warnings;
    spec.commandLine().getOut().println(campaigns.size() + " campaign(s) checked, " + errors + " problem(s), "
        + warnings + " warning(s)");
    // Warnings are printed, not failed on: CI over a newsletters/ directory with sent issues stays green.
    return errors == 0 ? CliRunner.OK : CliRunner.INVALID;
  }

  /**
   * What this context knows of the issue's sending: without the database nothing (a past send_at is
   * then a warning); with it, whether it went out or is going (anything but a SCHEDULED row).
   */
  private NewsletterChecks.Sending sending(Campaign issue) {
    if (issues == null) {
      return NewsletterChecks.Sending.UNKNOWN;
    }
    boolean started = issues.find(issue.id()).map(row -> row.state() != NewsletterState.SCHEDULED).orElse(false);
    return started ? NewsletterChecks.Sending.UNDER_WAY : NewsletterChecks.Sending.NOT_YET;
  }
}
