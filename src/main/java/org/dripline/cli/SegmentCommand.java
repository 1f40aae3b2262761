package org.dripline.cli;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.Step;
import org.dripline.infra.InvalidInputException;
import org.dripline.infra.NotFoundException;
import org.dripline.segment.AudienceQuery;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "segment", mixinStandardHelpOptions = true,
    description = "How many sendable subscribers match a campaign's audience (and a step's condition), with a sample.")
class SegmentCommand implements Callable<Integer> {

  private final CampaignCatalog catalog;
  private final AudienceQuery audience;
  private final Clock clock;

  @Option(names = "--campaign", required = true, description = "campaign id")
  String campaignId;

  @Option(names = "--step", description = "also apply this step's when-condition")
  String stepId;

  @Option(names = "--as-of", description = "ISO-8601 instant for relative rules (default: now)")
  Instant asOf;

  @Option(names = "--sample", defaultValue = "10", description = "how many addresses to show (default 10)")
  int sampleSize;

  @Spec
  CommandLine.Model.CommandSpec spec;

  SegmentCommand(CampaignCatalog catalog, AudienceQuery audience, Clock clock) {
    this.catalog = catalog;
    this.audience = audience;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    if (sampleSize < 0 || sampleSize > 1000) {
      throw new InvalidInputException("--sample must be between 0 and 1000");
    }
    Instant at = asOf == null ? clock.instant() : asOf;
    Campaign campaign = catalog.load(campaignId);
    Step step = null;
    if (stepId != null) {
      step = campaign.step(stepId).orElseThrow(() -> new NotFoundException("campaign " + campaignId
          + " has no step '" + stepId + "'; steps are " + String.join(", ", campaign.steps().stream().map(Step::id).toList())));
    }
    AudienceQuery.Result result = audience.select(campaign.id(), at, sampleSize, campaign.audience(),
        step == null ? null : step.when());
    var out = spec.commandLine().getOut();
    out.println("campaign=" + campaign.id() + (step == null ? "" : " step=" + step.id()) + " matching=" + result.count());
    result.sample().forEach(email -> out.println("  " + email));
    if (result.count() > result.sample().size()) {
      out.println("  ... and " + (result.count() - result.sample().size()) + " more");
    }
    return CliRunner.OK;
  }
}
