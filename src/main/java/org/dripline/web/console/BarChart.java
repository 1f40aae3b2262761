package org.dripline.web.console;

import java.util.ArrayList;
import java.util.List;

/**
 * The report's chart, laid out on the server: per step a bar for messages sent, one for human
 * opens and one for human clicks. Machine opens and clicks (privacy proxies, link scanners) are
 * stacked on top in a lighter shade, so they are visible but never read as interest. The
 * template only draws what is computed here, so the page needs no script and no library.
 */
public record BarChart(int width, int height, List<Bar> bars, List<Label> labels, List<Tick> ticks) {

  static final int LEFT = 56;
  static final int TOP = 24;
  static final int PLOT_HEIGHT = 220;
  static final int BOTTOM = 80;
  static final int BAR = 20;
  static final int BAR_GAP = 4;
  static final int GROUP_GAP = 28;
  static final int GROUP = 3 * BAR + 2 * BAR_GAP + GROUP_GAP;

  /** One step's numbers. */
  public record Group(String step, long sent, long opensHuman, long opensMachine, long clicksHuman, long clicksMachine) {
  }

  /** {@code series}: sent, opens, clicks, opens-machine or clicks-machine. */
  public record Bar(String step, String series, long value, int x, int y, int width, int height, String fill,
      boolean machine, String title) {
  }

  /** {@code kind}: value (above a bar) or step (under a group, turned to fit long ids). */
  public record Label(String kind, String step, int x, int y, String text) {
  }

  public record Tick(int y, String text) {
  }

  static BarChart of(List<Group> groups) {
    long top = 1;
    for (Group g : groups) {
      top = Math.max(top, Math.max(g.sent(), Math.max(g.opensHuman() + g.opensMachine(), g.clicksHuman() + g.clicksMachine())));
    }
    long scale = niceCeiling(top);
    List<Bar> bars = new ArrayList<>();
    List<Label> labels = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      Group g = groups.get(i);
      int x = LEFT + GROUP_GAP / 2 + i * GROUP;
      column(bars, labels, g.step(), "sent", g.sent(), "#2f4858", 0, null, x, scale);
      column(bars, labels, g.step(), "opens", g.opensHuman(), "#8a3b12", g.opensMachine(), "#e0c3ae",
          x + BAR + BAR_GAP, scale);
      column(bars, labels, g.step(), "clicks", g.clicksHuman(), "#3f7d4e", g.clicksMachine(), "#bcd7c3",
          x + 2 * (BAR + BAR_GAP), scale);
      labels.add(new Label("step", g.step(), x + (3 * BAR + 2 * BAR_GAP) / 2, TOP + PLOT_HEIGHT + 14, g.step()));
    }
    List<Tick> ticks = new ArrayList<>();
    for (int t = 0; t <= 4; t++) {
      long value = scale * t / 4;
      ticks.add(new Tick(TOP + PLOT_HEIGHT - (int) Math.round((double) PLOT_HEIGHT * t / 4), Long.toString(value)));
    }
    int width = LEFT + Math.max(1, groups.size()) * GROUP + 16;
    return new BarChart(width, TOP + PLOT_HEIGHT + BOTTOM, bars, labels, ticks);
  }

  private static void column(List<Bar> bars, List<Label> labels, String step, String series, long human, String fill,
      long machine, String machineFill, int x, long scale) {
    int humanHeight = height(human, scale);
    int base = TOP + PLOT_HEIGHT;
    bars.add(new Bar(step, series, human, x, base - humanHeight, BAR, humanHeight, fill, false,
        step + ": " + human + " " + describe(series)));
    int topY = base - humanHeight;
    if (machineFill != null && machine > 0) {
      int machineHeight = height(machine, scale);
      topY -= machineHeight;
      bars.add(new Bar(step, series + "-machine", machine, x, topY, BAR, machineHeight, machineFill, true,
          step + ": " + machine + " machine " + series + " (not counted as interest)"));
    }
    labels.add(new Label("value", step + "/" + series, x + BAR / 2, topY - 4, Long.toString(human)));
  }

  private static String describe(String series) {
    return series.equals("sent") ? "sent" : "human " + series;
  }

  private static int height(long value, long scale) {
    return (int) Math.round((double) PLOT_HEIGHT * value / scale);
  }

  /** 4, 8, 20, 40, 80, 200, ...: the axis top, chosen so the quarter ticks are whole numbers. */
  static long niceCeiling(long value) {
    long target = Math.max(value, 4);
    for (long magnitude = 1; ; magnitude *= 10) {
      for (long factor : new long[] {2, 4, 8}) {
        if (factor * magnitude >= target) {
          return factor * magnitude;
        }
      }
    }
  }

  public int plotTop() {
    return TOP;
  }

  public int plotBottom() {
    return TOP + PLOT_HEIGHT;
  }

  public int plotLeft() {
    return LEFT;
  }
}
