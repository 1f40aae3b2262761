package org.dripline.archive;

import java.time.Clock;
import org.dripline.campaign.Campaign;
import org.dripline.newsletter.IssueSent;
import org.dripline.render.TemplateEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the anonymous copy of an archived issue as it is sent: when its sending starts, and again when an A/B
 * winner is recorded (the archive then shows the winner). It listens in the newsletter module's transaction, so
 * the copy commits with the snapshot (or the winner) it belongs to, in whichever process sends.
 *
 * <p>An issue that does not render for an anonymous reader is logged and the send goes on: the archive then
 * renders the issue from its file, as for issues sent before copies were kept. A database error writing the
 * copy fails the transaction it shares with the snapshot, so neither is half-written.
 */
@Component
class SentCopies {

  private static final Logger log = LoggerFactory.getLogger(SentCopies.class);

  private final ArchivedIssues stored;
  private final TemplateEngine templates;
  private final Archive archive;
  private final Clock clock;

  SentCopies(ArchivedIssues stored, TemplateEngine templates, Archive archive, Clock clock) {
    this.stored = stored;
    this.templates = templates;
    this.archive = archive;
    this.clock = clock;
  }

  @EventListener
  void sent(IssueSent sent) {
    Campaign issue = sent.issue();
    if (!issue.isBroadcast() || !issue.broadcast().archive()) {
      return; // not public: nothing to keep
    }
    String stepId = Archive.shownStep(issue, sent.winner());
    AnonymousCopy.Copy copy;
    try {
      copy = AnonymousCopy.render(templates, issue, stepId, archive.issueUrl(issue.id()));
    } catch (RuntimeException e) {
      // The send must not fail for the archive's sake: the archive falls back to rendering the file.
      log.warn("The archive keeps no copy of issue {} as sent, and shows it rendered from its file: {}", issue.id(),
          e.getMessage());
      if (sent.winner() != null) {
        stored.forget(issue.id()); // else the first variant's copy would stay on show instead of the winner
      }
      return;
    }
    // A failed write is not swallowed: it fails the snapshot's (or the winner's) transaction as a whole, which a
    // second `newsletter send` retries, rather than leave a transaction the database may have rolled back.
    stored.save(new ArchivedIssues.Stored(issue.id(), stepId, issue.versionHash(), copy.subject(), copy.preheader(),
        copy.html(), Archive.author(issue), issue.broadcast().firstList(), clock.instant()));
    log.info("Archive: kept the copy of issue {} as sent ({})", issue.id(), stepId);
  }
}
