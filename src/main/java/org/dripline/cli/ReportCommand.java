package org.dripline.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.dripline.report.CampaignReport;
import org.dripline.report.CampaignReports;
import org.dripline.report.LinkReport;
import org.dripline.report.StepReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Per step: sent, failed, skipped, pending, unique opens and clicks (human and machine apart),",
        "unsubscribes, bounces, the subject as rendered for a sample subscriber; per link: clicks; the campaign's",
        "version history. For a newsletter issue: its recipients (the audience snapshot), per variant, and the",
        "A/B winner and whether it is significant. Formats: table (default), csv, json (both with a kind column/field:",
        "DRIP or ISSUE)."})
class ReportCommand implements Callable<Integer> {

  enum Format { table, csv, json }

  private final CampaignReports reports;

  @Option(names = "--campaign", required = true, description = "campaign or newsletter issue id")
  String campaign;

  @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default table)")
  Format format;

  @Spec
  CommandLine.Model.CommandSpec spec;

  ReportCommand(CampaignReports reports) {
    this.reports = reports;
  }

  @Override
  public Integer call() {
    CampaignReport report = reports.report(campaign);
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case json -> out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
          .writeValueAsString(report));
      case csv -> csv(report, out);
      default -> table(report, out);
    }
    out.flush();
    return CliRunner.OK;
  }

  private static void table(CampaignReport report, PrintWriter out) {
    if (isIssue(report)) {
      // An issue enrols nobody: its audience is the snapshot, and series-only numbers mean nothing for it.
      out.println(report.name() + " (" + report.campaignId() + "): newsletter issue, recipients "
          + (report.recipients() == null ? "none yet (not sent)" : report.recipients()) + ", sent " + report.sent()
          + ", unsubscribed " + report.unsubscribes() + ", bounces " + report.bounces() + ", complaints "
          + report.complaints());
    } else {
      out.println(report.name() + " (" + report.campaignId() + "): enrolled " + report.enrolled() + ", sent "
          + report.sent() + ", unsubscribed " + report.unsubscribes() + ", left the series " + report.leftSeries()
          + ", goal met " + report.goalCompletions()
          + ", bounces " + report.bounces() + ", complaints " + report.complaints());
    }
    String row = "%-18s %7s %7s %7s %7s %6s  %11s %13s  %11s %13s  %6s %7s%n";
    out.printf(row, isIssue(report) ? "variant" : "step", "sent", "failed", "skipped", "pending", "ambig",
        "opens human", "opens machine",
        "clicks human", "clicks machine", "unsub", "bounces");
    for (StepReport s : report.steps()) {
      out.printf(row, s.stepId(), s.sent(), s.failed(), s.skipped(), s.pending(), s.ambiguous(),
          s.opensHuman() + pct(s.opensHuman(), s.sent()), s.opensMachine(), s.clicksHuman() + pct(s.clicksHuman(), s.sent()),
          s.clicksMachine(), s.unsubscribes(), s.bounces());
    }
    List<LinkReport> links = report.links();
    if (!links.isEmpty()) {
      out.println();
      out.printf("%-18s %7s %8s  %s%n", isIssue(report) ? "link of variant" : "link of step", "human", "machine", "url");
      links.forEach(l -> out.printf("%-18s %7d %8d  %s%n", l.stepId(), l.clicksHuman(), l.clicksMachine(), l.url()));
    }
    out.println();
    out.println("Subjects, " + report.subjects() + ":");
    for (StepReport s : report.steps()) {
      out.printf("  %-18s %s%n", s.stepId(), s.subjectShown());
    }
    if (report.abTest() != null) {
      out.println();
      report.abTest().lines().forEach(out::println);
      out.println(report.abTest().state());
    }
    if (report.versions() != null) {
      out.println();
      VersionsCommand.print(report.versions(), out);
    }
    out.println();
    out.println("Opens and clicks are unique per message; machine = privacy proxies, scanners and prefetch.");
  }

  private static boolean isIssue(CampaignReport report) {
    return report.kind() == CampaignReport.Kind.ISSUE;
  }

  private static String pct(long part, long whole) {
    return whole == 0 ? "" : String.format(" %3.0f%%", 100.0 * part / whole);
  }

  /**
   * Steps first, then links, in one CSV with a {@code section} column so one file holds both. The
   * subject (rendered for a sample subscriber) comes last, so the older columns keep their places.
   * {@code kind} (DRIP or ISSUE, as in the JSON) is the first column: subject stays the last one.
   * An issue's steps are its variants; an A/B issue ends with a {@code winner} row: the winner in
   * {@code step}, and the verdict (rates, p-value, significant or not) in the last column.
   */
  private static void csv(CampaignReport report, PrintWriter out) {
    String kind = report.kind().name();
    out.print("kind,section,step,sent,failed,skipped,pending,ambiguous,opens_human,opens_machine,clicks_human,"
        + "clicks_machine,unsubscribes,bounces,url,subject\r\n");
    for (StepReport s : report.steps()) {
      out.print(String.join(",", kind, "step", quoted(s.stepId()), n(s.sent()), n(s.failed()), n(s.skipped()),
          n(s.pending()), n(s.ambiguous()), n(s.opensHuman()), n(s.opensMachine()), n(s.clicksHuman()),
          n(s.clicksMachine()), n(s.unsubscribes()), n(s.bounces()), "",
          quoted(inert(s.subjectShown()))) + "\r\n");
    }
    for (LinkReport l : report.links()) {
      out.print(String.join(",", kind, "link", quoted(l.stepId()), "", "", "", "", "", "", "", n(l.clicksHuman()),
          n(l.clicksMachine()), "", "", quoted(l.url()), "") + "\r\n");
    }
    if (report.abTest() != null) {
      out.print(String.join(",", kind, "winner", quoted(report.abTest().winner()), "", "", "", "", "", "", "", "", "",
          "", "", "", quoted(report.abTest().verdict())) + "\r\n");
    }
  }

  private static String n(long value) {
    return Long.toString(value);
  }

  /** A leading {@code '} keeps spreadsheets from running a subject starting with =, +, - or @ as a formula. */
  private static String inert(String value) {
    return !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
  }

  private static String quoted(String value) {
    return value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0 ? value : '"' + value.replace("\"", "\"\"") + '"';
  }
}
