package org.dripline.report;

import java.util.List;

/**
 * What a campaign did, per step and per link. {@code unsubscribes} counts people who left
 * everything from one of its emails (link, one-click or mailto); {@code leftSeries} those who
 * left only this series on the preference page; {@code complaints} spam reports (ARF).
 * {@code subjects} says how the steps' subjects were rendered ({@link SampleSubjects#NOTE});
 * {@code versions} is the campaign's version history next to its file; {@code goalCompletions}
 * those who left the series because its {@code exit_when} goal matched them.
 */
public record CampaignReport(String campaignId, String name, List<StepReport> steps, List<LinkReport> links,
    long unsubscribes, long bounces, long enrolled, long leftSeries, long complaints, String subjects,
    VersionHistory versions, long goalCompletions) {

  public long sent() {
    return steps.stream().mapToLong(StepReport::sent).sum();
  }
}
