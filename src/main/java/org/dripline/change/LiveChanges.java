package org.dripline.change;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.CampaignVersions;
import org.dripline.campaign.Changes;
import org.dripline.campaign.Hashes;
import org.dripline.delivery.LedgerMoves;
import org.dripline.enrollment.Enrollments;
import org.dripline.render.TemplateEngine;
import org.dripline.render.TemplateProblemsException;
import org.dripline.segment.AudienceSql;
import org.dripline.segment.Rule;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.dripline.infra.ConcurrentWrites;

/**
 * {@link #diff}: what putting the campaign file in force would do, written nowhere. {@link #adopt}:
 * the run's first act, which puts it in force as the same analysis judged it, or refuses.
 */
@Service
public class LiveChanges {

  private final CampaignCatalog catalog;
  private final CampaignVersions versions;
  private final TemplateEngine templates;
  private final LedgerPatterns patterns;
  private final LedgerMoves ledger;
  private final Enrollments enrollments;
  private final ConcurrentWrites writes;
  private final Clock clock;

  public LiveChanges(CampaignCatalog catalog, CampaignVersions versions, TemplateEngine templates,
      LedgerPatterns patterns, LedgerMoves ledger, Enrollments enrollments, PlatformTransactionManager transactions,
      Clock clock) {
    this.catalog = catalog;
    this.versions = versions;
    this.templates = templates;
    this.patterns = patterns;
    this.ledger = ledger;
    this.enrollments = enrollments;
    this.writes = new ConcurrentWrites(transactions);
    this.clock = clock;
  }

  /**
   * The file on disk against the version in force and the ledger, as a run at {@code asOf} would
   * judge it; throws when the file is invalid.
   */
  public ChangeReport diff(String campaignId, Instant asOf) {
    Campaign file = catalog.load(campaignId);
    List<org.dripline.campaign.Problem> problems = templates.check(file);
    if (!problems.isEmpty()) {
      throw new TemplateProblemsException(problems);
    }
    return diff(file, asOf);
  }

  ChangeReport diff(Campaign file, Instant asOf) {
    Campaign inForce = versions.inForce(file.id())
        .flatMap(record -> versions.version(file.id(), record.versionHash())).orElse(null);
    List<LedgerPattern> ledger = patterns.of(file.id());
    ChangeReport report = analyse(file, inForce, ledger, asOf);
    if (inForce == null) {
      return report;
    }
    // Only what this edit changes is a hazard: what people pinned to older versions already live
    // with under the version in force was decided (declared or accepted) when it came into force.
    return report.without(analyse(inForce, inForce, ledger, asOf).hazards());
  }

  private ChangeReport analyse(Campaign file, Campaign inForce, List<LedgerPattern> ledger, Instant asOf) {
    ChangeAnalysis analysis = new ChangeAnalysis(file, inForce,
        hash -> versions.version(file.id(), hash).orElse(file), asOf);
    return analysis.analyse(ledger,
        (pinned, before, after) -> patterns.conditionCounts(file.id(), pinned, after.id(),
            condition(before.when(), "before_", asOf), condition(after.when(), "after_", asOf)));
  }

  /**
   * Puts {@code file} (validated) in force before a run: nothing to do when it already is;
   * otherwise refuses with {@link HazardousChangeException} unless the change is safe or
   * {@code acceptChange} names it, then moves the ledger and the enrollments as its {@code changes:}
   * block says and records the version, all in one transaction.
   *
   * @param asOf       the run's instant, which relative conditions are judged at
   * @param acceptedBy who accepts, recorded with the version when {@code acceptChange} is used
   */
  public void adopt(Campaign file, Instant asOf, String acceptChange, String acceptedBy) {
    if (inForce(file)) {
      return;
    }
    ChangeReport report = diff(file, asOf);
    boolean accepted = acceptChange != null && acceptChange.equalsIgnoreCase(report.changeHash());
    if (!report.safe() && !accepted) {
      throw new HazardousChangeException(report);
    }
    // Two instances starting runs of the new file at once both get here: the moves are idempotent,
    // and a collision (duplicate key, deadlock) runs them again, when the version may be in force.
    writes.run(() -> {
      if (report.inForce() != null && !inForce(file)) {
        move(file, report);
      }
      if (!inForce(file)) {
        versions.adopt(file, summary(report, accepted), accepted && !report.safe() ? report.changeHash() : null,
            accepted && !report.safe() ? acceptedBy : null);
      }
      return null;
    });
  }

  private boolean inForce(Campaign file) {
    return versions.inForce(file.id()).map(v -> v.versionHash().equals(file.versionHash())).orElse(false);
  }

  private void move(Campaign file, ChangeReport report) {
    Changes changes = file.changes();
    String reason = "removed from the campaign in version " + Hashes.shortHash(file.versionHash());
    if (changes.declared()) {
      changes.renames().forEach((from, to) -> ledger.rename(file.id(), from, to));
      if (changes.newSteps() == Changes.NewSteps.SKIP) {
        skipNewStepsBehind(file);
      }
      enrollments.moveToVersion(file.id(), file.versionHash());
    }
    ledger.skipRemoved(file.id(), file.stepIds(), reason);
  }

  /**
   * {@code new_steps_for_enrolled: skip}: each step of the file, for those on a version that did
   * not have it (after the renames) and who already have a row for a later step. A step their
   * version had is never skipped this way: the analysis calls that a hazard instead.
   */
  private void skipNewStepsBehind(Campaign file) {
    Map<String, String> renames = file.changes().renames();
    Map<String, List<String>> stepsOf = new java.util.HashMap<>();
    for (String version : enrollments.versionsInUse(file.id())) {
      Campaign followed = versions.version(file.id(), version).orElse(file);
      stepsOf.put(version, followed.stepIds().stream().map(id -> renames.getOrDefault(id, id)).toList());
    }
    List<String> ids = file.stepIds();
    for (int i = 0; i < ids.size() - 1; i++) {
      String step = ids.get(i);
      List<String> without = stepsOf.entrySet().stream().filter(e -> !e.getValue().contains(step))
          .map(Map.Entry::getKey).toList();
      if (!without.isEmpty()) {
        ledger.skipBehind(file.id(), step, file.steps().get(i).offset(), ids.subList(i + 1, ids.size()), without,
            "new step before where they were when version " + Hashes.shortHash(file.versionHash())
                + " came into force", clock.instant());
      }
    }
  }

  private static String summary(ChangeReport report, boolean accepted) {
    if (report.inForce() == null) {
      return "first version";
    }
    String edits = report.edits().isEmpty() ? "no step changes"
        : report.edits().stream().map(e -> (e.stepId() == null ? "" : e.stepId() + ": ") + e.detail())
            .collect(Collectors.joining("; "));
    String moved = report.moves() ? " | moved everyone in flight to this version" : "";
    String hazards = report.safe() ? "" : " | accepted: " + report.hazards().stream().map(ChangeReport.Hazard::message)
        .collect(Collectors.joining("; "));
    return edits + moved + (accepted ? hazards : "");
  }

  private static AudienceSql.Condition condition(Rule rule, String prefix, Instant asOf) {
    return rule == null ? new AudienceSql.Condition("1 = 1", Map.of()) : AudienceSql.compile(rule, prefix, asOf);
  }
}
