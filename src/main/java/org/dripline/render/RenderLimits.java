package org.dripline.render;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The runaway guards for one template run ({@code dripline.render.*}): an output cap, because a
 * loop can print gigabytes long before anyone notices, and a time limit, because a loop that
 * prints nothing would otherwise hold a sending thread forever. Either fails the message being
 * rendered, not the run. Part of {@link RenderSettings}.
 *
 * A third guard bounds memory: strings and sequences a template builds without writing them (a
 * string doubled in a loop) never meet the output cap, so the bytes the rendering thread allocates
 * are watched and the template is interrupted, like a timeout, once they pass {@code maxAllocation}.
 *
 * @param maxOutputChars characters one template may write (an email body is about 10 KB; Gmail clips at 102 KB);
 *                       also the largest literal size (pad width, range fed to a built-in) a template may hold
 * @param timeout        how long one template may run; zero switches the limit off
 * @param maxAllocation  memory one template run may allocate (garbage included); zero switches the limit off
 */
public record RenderLimits(
    @DefaultValue("1000000") int maxOutputChars,
    @DefaultValue("5s") Duration timeout,
    @DefaultValue("256MB") DataSize maxAllocation) {

  // Before DEFAULTS: static fields initialise in order, and DEFAULTS uses it.
  private static final DataSize DEFAULT_ALLOCATION = DataSize.ofMegabytes(256);

  /** The same values as the defaults above, for engines built without Spring (tests, tools). */
  public static final RenderLimits DEFAULTS = new RenderLimits(1_000_000, Duration.ofSeconds(5));
  private static final long MEMORY_POLL_MILLIS = 5;
  private static final ScheduledExecutorService WATCHDOG = watchdog();
  private static final com.sun.management.ThreadMXBean THREADS = threads();

  @ConstructorBinding
  public RenderLimits {
    if (maxOutputChars < 1) {
      throw new IllegalArgumentException("dripline.render.max-output-chars must be positive, was " + maxOutputChars);
    }
    timeout = timeout == null || timeout.isNegative() ? Duration.ZERO : timeout;
    maxAllocation = maxAllocation == null || maxAllocation.isNegative() ? DataSize.ofBytes(0) : maxAllocation;
  }

  /** The output cap and time limit with the default memory limit. */
  public RenderLimits(int maxOutputChars, Duration timeout) {
    this(maxOutputChars, timeout, DEFAULT_ALLOCATION);
  }

  Watch watch() {
    Watch watch = new Watch(Thread.currentThread());
    if (!timeout.isZero()) {
      watch.future = WATCHDOG.schedule(() -> watch.fire(Watch.Reason.TIME), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
    long budget = maxAllocation.toBytes();
    if (budget > 0 && THREADS != null) {
      long id = Thread.currentThread().getId();
      long start = THREADS.getThreadAllocatedBytes(id);
      // Polled: most renders end within the first period and are cancelled before any check runs.
      watch.memory = WATCHDOG.scheduleAtFixedRate(() -> {
        if (THREADS.getThreadAllocatedBytes(id) - start > budget) {
          watch.fire(Watch.Reason.MEMORY);
        }
      }, MEMORY_POLL_MILLIS, MEMORY_POLL_MILLIS, TimeUnit.MILLISECONDS);
    }
    return watch;
  }

  /** The JVM's per-thread allocation counter, or null where the JVM has none (the memory guard is then off). */
  private static com.sun.management.ThreadMXBean threads() {
    if (java.lang.management.ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
        && bean.isThreadAllocatedMemorySupported()) {
      bean.setThreadAllocatedMemoryEnabled(true);
      return bean;
    }
    return null;
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
    enum Reason { TIME, MEMORY }

    private final Thread thread;
    private ScheduledFuture<?> future;
    private ScheduledFuture<?> memory;
    private boolean running = true;
    private Reason fired;

    private Watch(Thread thread) {
      this.thread = thread;
    }

    private synchronized void fire(Reason reason) {
      if (running && fired == null) {
        fired = reason;
        thread.interrupt();
      }
    }

    synchronized boolean fired() {
      return fired != null;
    }

    synchronized Reason reason() {
      return fired;
    }

    void stop() {
      synchronized (this) {
        running = false;
      }
      if (future != null) {
        future.cancel(false);
      }
      if (memory != null) {
        memory.cancel(false);
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
