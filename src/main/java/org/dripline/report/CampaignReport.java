package org.dripline.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.dripline.newsletter.Newsletters;

/**
 * What a campaign did, per step and per link. {@code unsubscribes} counts people who left
 * everything from one of its emails (link, one-click or mailto); {@code leftSeries} those who
 * left only this series on the preference page; {@code complaints} spam reports (ARF).
 * {@code subjects} says how the steps' subjects were rendered ({@link SampleSubjects#NOTE});
 * {@code versions} is the campaign's version history next to its file; {@code goalCompletions}
 * those who left the series because its {@code exit_when} goal matched them.
 *
 * <p>A newsletter issue ({@code kind} ISSUE) has no enrollments, versions or goal: those are null
 * (and left out of the JSON) rather than a misleading 0; {@code recipients} is its audience
 * snapshot (null before it), {@code abTest} its A/B outcome (null without one), and its steps are
 * its variants. A drip has no {@code recipients} or {@code abTest}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CampaignReport(String campaignId, String name, Kind kind, List<StepReport> steps, List<LinkReport> links,
    long unsubscribes, long bounces, Long enrolled, Long leftSeries, long complaints, String subjects,
    VersionHistory versions, Long goalCompletions, Long recipients, Newsletters.AbOutcome abTest) {

  /** DRIP: a series people enrol in ({@code campaigns/}); ISSUE: a newsletter issue sent once ({@code newsletters/}). */
  public enum Kind { DRIP, ISSUE }

  public long sent() {
    return steps.stream().mapToLong(StepReport::sent).sum();
  }
}
