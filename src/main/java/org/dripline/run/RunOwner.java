package org.dripline.run;

import java.net.InetAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The process that runs a run: host, process id, and when the process started, so that a pid the
 * system reused (pid 1 in every container) is not mistaken for the process that died.
 */
public record RunOwner(String host, long pid, Instant processStarted) {

  /** This JVM. Looked up on first use (a run), not at start: a host name lookup can be slow. */
  static RunOwner current() {
    return Current.OWNER;
  }

  private static final class Current {
    static final RunOwner OWNER = detect();
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
    // The environment's name first (containers and most shells export it): no lookup at all.
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception unknown) {
      // No resolvable name (a bare container): a placeholder, the pid and start still tell processes apart.
      return "unknown-host";
    }
  }
}
