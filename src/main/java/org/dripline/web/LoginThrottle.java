package org.dripline.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Console password guessing has a price: after {@code maxFailures} wrong passwords in a row for
 * one user name, or from one client address, every attempt for it (the right password too) is
 * refused for {@code lockout}, doubled at each further lockout up to {@code maxLockout}. A
 * successful login clears both. State is in memory (one process serves the console); the map
 * is bounded so a flood of made-up names cannot grow it without end.
 */
@Component
public class LoginThrottle {

  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
  private static final int MAX_KEYS = 10_000;

  private final WebSettings.Console settings;
  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  public LoginThrottle(WebSettings settings, Clock clock) {
    this.settings = settings.console();
    this.clock = clock;
  }

  /** How long this user name and client must still wait; zero when they may try. */
  public Duration retryAfter(String username, String client) {
    Instant now = clock.instant();
    Duration wait = Duration.ZERO;
    for (String key : keys(username, client)) {
      Entry entry = entries.get(key);
      if (entry != null && entry.lockedUntil != null && entry.lockedUntil.isAfter(now)) {
        Duration left = Duration.between(now, entry.lockedUntil);
        wait = left.compareTo(wait) > 0 ? left : wait;
      }
    }
    return wait;
  }

  /** A wrong password: counts against the user name and the client, and locks them at the limit. */
  public void failed(String username, String client) {
    Instant now = clock.instant();
    if (entries.size() > MAX_KEYS) {
      entries.values().removeIf(e -> e.lockedUntil == null || !e.lockedUntil.isAfter(now));
    }
    for (String key : keys(username, client)) {
      Entry entry = entries.compute(key, (k, old) -> (old == null ? new Entry(0, 0, null) : old).failed(now, settings));
      if (entry.failures == 0 && now.equals(entry.lockedAt)) {
        log.warn("console login locked for {} after {} wrong passwords: refused until {} (lockout {})",
            org.dripline.infra.HeaderText.clean(k(key)), settings.maxFailures(), entry.lockedUntil, entry.lockouts);
      }
    }
  }

  /** The right password: both counters start again. */
  public void succeeded(String username, String client) {
    for (String key : keys(username, client)) {
      entries.remove(key);
    }
  }

  private static String k(String key) {
    return key.length() > 120 ? key.substring(0, 120) + "…" : key;
  }

  private static String[] keys(String username, String client) {
    String user = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    return new String[] {"user " + (user.length() > 200 ? user.substring(0, 200) : user), "client " + client};
  }

  /** Wrong passwords since the last lockout, lockouts so far, and the current lock. */
  private record Entry(int failures, int lockouts, Instant lockedUntil, Instant lockedAt) {

    Entry(int failures, int lockouts, Instant lockedUntil) {
      this(failures, lockouts, lockedUntil, null);
    }

    Entry failed(Instant now, WebSettings.Console settings) {
      if (lockedUntil != null && lockedUntil.isAfter(now)) {
        return this;
      }
      int count = failures + 1;
      if (count < settings.maxFailures()) {
        return new Entry(count, lockouts, lockedUntil, lockedAt);
      }
      Duration lock = settings.lockout().multipliedBy(1L << Math.min(lockouts, 20));
      if (lock.compareTo(settings.maxLockout()) > 0) {
        lock = settings.maxLockout();
      }
      return new Entry(0, lockouts + 1, now.plus(lock), now);
    }
  }
}
