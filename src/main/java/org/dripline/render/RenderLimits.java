package org.dripline.render;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The runaway guards for one template run ({@code dripline.render.*}): an output cap, because a
 * loop can print gigabytes long before anyone notices, and a time limit, because a loop that
 * prints nothing would otherwise hold a sending thread forever. Either fails the message being
 * rendered, not the run. Part of {@link RenderSettings}.
 *
 * @param maxOutputChars characters one template may write (an email body is about 10 KB; Gmail clips at 102 KB)
 * @param timeout        how long one template may run; zero switches the limit off
 */
public record RenderLimits(
    @DefaultValue("1000000") int maxOutputChars,
    @DefaultValue("5s") Duration timeout) {

  /** The same values as the defaults above, for engines built without Spring (tests, tools). */
  public static final RenderLimits DEFAULTS = new RenderLimits(1_000_000, Duration.ofSeconds(5));

  private static final ScheduledExecutorService WATCHDOG = watchdog();

  public RenderLimits {
    if (maxOutputChars < 1) {
      throw new IllegalArgumentException("dripline.render.max-output-chars must be positive, was " + maxOutputChars);
    }
    timeout = timeout == null || timeout.isNegative() ? Duration.ZERO : timeout;
  }

  Watch watch() {
    Watch watch = new Watch(Thread.currentThread());
    if (!timeout.isZero()) {
      watch.future = WATCHDOG.schedule(watch::fire, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
    return watch;
  }

  private static ScheduledExecutorService watchdog() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "dripline-template-watchdog");
      thread.setDaemon(true);
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  /**
   * Interrupts the rendering thread once the time is up; templates carry FreeMarker's interruption
   * checks (see GuardedConfiguration), so the loop stops at its next step. The interrupt can only
   * land while the template runs and is cleared before the thread goes back to JDBC or SMTP work.
   */
  static final class Watch {
    private final Thread thread;
    private ScheduledFuture<?> future;
    private boolean running = true;
    private boolean fired;

    private Watch(Thread thread) {
      this.thread = thread;
    }

    private synchronized void fire() {
      if (running) {
        fired = true;
        thread.interrupt();
      }
    }

    synchronized boolean fired() {
      return fired;
    }

    void stop() {
      synchronized (this) {
        running = false;
      }
      if (future != null) {
        future.cancel(false);
      }
      if (fired()) {
        Thread.interrupted();
      }
    }
  }

  /** Collects a template's output and refuses to grow past the cap. */
  static final class CappedWriter extends Writer {
    private final StringBuilder buffer = new StringBuilder(8192);
    private final int max;
    private boolean overflowed;

    CappedWriter(int max) {
      this.max = max;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
      if (buffer.length() + length > max) {
        overflowed = true;
        throw new IOException("output limit of " + max + " characters reached");
      }
      buffer.append(chars, offset, length);
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
      if (buffer.length() + length > max) {
        overflowed = true;
        throw new IOException("output limit of " + max + " characters reached");
      }
      buffer.append(text, offset, offset + length);
    }

    boolean overflowed() {
      return overflowed;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
      return buffer.toString();
    }
  }
}
