package org.dripline.run;

import java.net.InetAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The process that runs a run: host, process id, and when the process started, so that a pid the
 * system reused (pid 1 in every container) is not mistaken for the process that died.
 */
public record RunOwner(String host, long pid, Instant processStarted) {

  private static final RunOwner CURRENT = detect();

  /** This JVM. */
  static RunOwner current() {
    return CURRENT;
  }

  /** For people: {@code host pid 1234 (process started 2026-12-01T08:00:00Z)}. */
  public String describe() {
    return host + " pid " + pid + (processStarted == null ? "" : " (process started " + processStarted + ")");
  }

  private static RunOwner detect() {
    ProcessHandle self = ProcessHandle.current();
    Instant started = self.info().startInstant().map(at -> at.truncatedTo(ChronoUnit.SECONDS)).orElse(null);
    return new RunOwner(hostName(), self.pid(), started);
  }

  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception unknown) {
      // No resolvable name (a bare container): the environment's, else a placeholder that still tells pids apart.
      return env == null || env.isBlank() ? "unknown-host" : env;
    }
  }
}
