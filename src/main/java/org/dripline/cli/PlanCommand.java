package org.dripline.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.dripline.run.PlanView;
import org.dripline.run.Plans;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
    description = {"Dry run: what a run at --as-of would send, per step, what it would not and why, with a sample.",
        "Writes nothing."})
class PlanCommand implements Callable<Integer> {

  private final Plans plans;
  private final Clock clock;

  @Option(names = "--campaign", required = true, description = "campaign id")
  String campaign;

  @Option(names = "--as-of", description = "ISO-8601 instant (default: now)")
  Instant asOf;

  @Spec
  CommandLine.Model.CommandSpec spec;

  PlanCommand(Plans plans, Clock clock) {
    this.plans = plans;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PlanView plan = plans.plan(campaign, asOf == null ? clock.instant() : asOf);
    PrintWriter out = spec.commandLine().getOut();
    out.println("campaign=" + plan.campaignId() + " asOf=" + plan.asOf() + " enroll=" + plan.newEnrollments()
        + " send=" + plan.send() + (plan.goalExits() > 0 ? " goal_exits=" + plan.goalExits() : "")
        + " (dry run: nothing written)");
    if (!plan.fileInForce()) {
      spec.commandLine().getErr().println("note: the campaign file is not the version in force; a run first puts it"
          + " in force (or refuses it): see `diff --campaign " + plan.campaignId() + "`");
    }
    out.printf("%-22s %8s %15s %18s %13s  %s%n", "step", "send", "outside-window", "condition-not-met",
        "not-sendable", "sample");
    for (PlanView.StepPlan step : plan.steps()) {
      out.printf("%-22s %8d %15d %18d %13d  %s%n", step.stepId(), step.send(), step.outsideWindow(),
          step.conditionNotMet(), step.notSendable(), String.join(" ", step.sample()));
    }
    out.println("outside-window: due, waits for a run inside the subscriber's local send window;"
        + " condition-not-met: recorded skipped, the next step follows;"
        + " not-sendable: unsubscribed, suppressed, paused or left the series since planning.");
    return CliRunner.OK;
  }
}
