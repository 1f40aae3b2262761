package org.dripline.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.dripline.report.TimelineView;
import org.dripline.report.Timelines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "timeline", mixinStandardHelpOptions = true,
    description = {"One subscriber's whole series: the campaign version they follow, each step of it, its date in",
        "their timezone, sent/planned/skipped and why."})
class TimelineCommand implements Callable<Integer> {

  private final Timelines timelines;

  @Option(names = "--campaign", required = true, description = "campaign id")
  String campaign;

  @Option(names = "--subscriber", required = true, description = "the subscriber's email address")
  String subscriber;

  @Spec
  CommandLine.Model.CommandSpec spec;

  TimelineCommand(Timelines timelines) {
    this.timelines = timelines;
  }

  @Override
  public Integer call() {
    TimelineView timeline = timelines.timeline(campaign, subscriber);
    PrintWriter out = spec.commandLine().getOut();
    out.println(timeline.email() + " in " + timeline.campaignId() + " (" + timeline.timezone() + "): "
        + timeline.enrollment() + (timeline.enrolledAt() == null ? "" : ", enrolled " + timeline.enrolledAt()));
    out.println("  " + TimelineView.oneLine(timeline.version()));
    for (TimelineView.Entry entry : timeline.steps()) {
      out.printf("  %-18s %-40s %-8s %s%n", entry.stepId(), entry.local(), entry.status(), entry.detailOnOneLine());
    }
    return CliRunner.OK;
  }
}
