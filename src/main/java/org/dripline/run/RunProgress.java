package org.dripline.run;

import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Shows a run's progress on stderr: a bar redrawn in place when attached to a terminal (sent /
 * total, rate, ETA), a plain line every ten seconds otherwise (logs, CI, cron mail).
 */
public class RunProgress implements Consumer<RunView> {

  private static final long LINE_EVERY_NANOS = 10_000_000_000L;

  private final PrintWriter err;
  private final boolean terminal;
  private final ToLongFunction<RunView> remaining;
  private final long started = System.nanoTime();
  private long lastLine = System.nanoTime();
  private long total = -1;
  private boolean drawn;

  /** @param remaining counts what is still due for the run (asked once, when sending starts) */
  RunProgress(PrintWriter err, boolean terminal, ToLongFunction<RunView> remaining) {
    this.err = err;
    this.terminal = terminal;
    this.remaining = remaining;
  }

  @Override
  public void accept(RunView run) {
    long done = run.sent() + run.failed() + run.skipped();
    if (total < 0 && done > 0) {
      total = done + remaining.applyAsLong(run);
    }
    double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
    double rate = run.sent() / seconds;
    if (terminal) {
      err.print("\r" + bar(run, done, rate) + "   ");
      err.flush();
      drawn = true;
    } else if (System.nanoTime() - lastLine >= LINE_EVERY_NANOS) {
      lastLine = System.nanoTime();
      err.println("progress: run " + run.id() + " " + run.status() + " enrolled=" + run.enrolled() + " planned="
          + run.planned() + " sent=" + run.sent() + " failed=" + run.failed() + " skipped=" + run.skipped()
          + (total > 0 ? " of " + total : "") + String.format(" %.0f msg/s", rate));
      err.flush();
    }
  }

  /** Ends the bar's line, so what follows starts on a fresh one. */
  public void finish() {
    if (drawn) {
      err.println();
      err.flush();
    }
  }

  String bar(RunView run, long done, double rate) {
    if (total <= 0) {
      return String.format("%s: enrolled %d, planned %d, sent %d", phase(run), run.enrolled(), run.planned(), run.sent());
    }
    int width = 30;
    int filled = (int) Math.min(width, done * width / Math.max(1, total));
    String eta = rate <= 0 ? "--:--" : clock((long) ((total - done) / Math.max(rate, 0.001)));
    return String.format("sending [%s%s] %d/%d  %.0f msg/s  ETA %s", "#".repeat(filled), "-".repeat(width - filled),
        done, total, rate, eta);
  }

  private static String phase(RunView run) {
    return run.planned() > 0 || run.enrolled() > 0 ? "planning" : "starting";
  }

  static String clock(long seconds) {
    return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format("%d:%02d", seconds / 60, seconds % 60);
  }
}
