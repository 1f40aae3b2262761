package org.dripline.run;

import java.time.Instant;
import java.util.List;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.Problem;
import org.dripline.change.LiveChanges;
import org.dripline.delivery.SendPreflight;
import org.dripline.infra.InvalidInputException;
import org.dripline.lifecycle.CampaignLifecycle;
import org.dripline.render.TemplateEngine;
import org.dripline.render.TemplateProblemsException;
import org.springframework.stereotype.Component;

/**
 * What must hold before a run writes anything (run, restart, schedule, newsletter send): keys and
 * base URL fit for a real SMTP host, the campaign or issue file valid with its templates, and a
 * drip campaign's edit put in force. Apart from {@link RunControl} so starting and stopping runs
 * does not also carry the campaign model's checks.
 */
@Component
class RunChecks {

  private final CampaignCatalog catalog;
  private final LiveChanges changes;
  private final TemplateEngine templates;
  private final CampaignLifecycle lifecycle;
  private final SendPreflight preflight;

  RunChecks(CampaignCatalog catalog, LiveChanges changes, TemplateEngine templates, CampaignLifecycle lifecycle,
      SendPreflight preflight) {
    this.catalog = catalog;
    this.changes = changes;
    this.templates = templates;
    this.lifecycle = lifecycle;
    this.preflight = preflight;
  }

  /**
   * The campaign file, checked and put in force ({@link LiveChanges#adopt}): a change with hazards
   * nobody declared or accepted is refused here, before anything is written.
   */
  Campaign validated(String campaignId, Instant asOf, RunOptions options) {
    preflight.check(); // keys and base URL fit for a real SMTP host (run, restart, schedule)
    lifecycle.refuseArchived(campaignId);
    Campaign campaign = catalog.load(campaignId);
    preflight.checkBounceDomain(campaign); // VERP's bounce domain aligned with the From domain (DMARC)
    refuseTemplateProblems(campaign);
    changes.adopt(campaign, asOf, options.acceptChange(), options.acceptedBy());
    return campaign;
  }

  /** A newsletter issue, checked like a campaign before anything is written (no live-change adoption: it goes out once). */
  Campaign validatedIssue(String issueId) {
    preflight.check();
    Campaign issue = catalog.load(issueId);
    if (!issue.isBroadcast()) {
      throw new InvalidInputException("'" + issueId + "' is a drip campaign, not a newsletter issue:"
          + " start it with `dripline run " + issueId + "`");
    }
    preflight.checkBounceDomain(issue);
    refuseTemplateProblems(issue);
    return issue;
  }

  private void refuseTemplateProblems(Campaign campaign) {
    List<Problem> problems = templates.check(campaign);
    if (!problems.isEmpty()) {
      throw new TemplateProblemsException(problems);
    }
  }
}
