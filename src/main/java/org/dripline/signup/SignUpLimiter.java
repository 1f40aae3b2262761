package org.dripline.signup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Keeps the sign-up form from being used to mail-bomb an address or to flood the server: a
 * sliding window per address (confirmation mails sent) and per client (requests). Kept in
 * memory on purpose: client addresses are never written anywhere.
 */
@Component
class SignUpLimiter {

  private static final int MAX_KEYS = 100_000;

  private final Clock clock;
  private final int perAddress;
  private final Duration addressWindow;
  private final int perClient;
  private final Duration clientWindow;
  private final Map<String, Deque<Instant>> addresses = new ConcurrentHashMap<>();
  private final Map<String, Deque<Instant>> clients = new ConcurrentHashMap<>();

  SignUpLimiter(Clock clock, SignupSettings settings) {
    this.clock = clock;
    this.perAddress = settings.maxPerAddress();
    this.addressWindow = settings.addressWindow();
    this.perClient = settings.maxPerClient();
    this.clientWindow = settings.clientWindow();
  }

  /** Counts one request from this client; false when it is over its limit. */
  boolean clientAllowed(String client) {
    return take(clients, client, perClient, clientWindow);
  }

  /** Counts one confirmation mail to this address; false when it already got enough. */
  boolean addressAllowed(String normalizedEmail) {
    return take(addresses, normalizedEmail, perAddress, addressWindow);
  }

  private boolean take(Map<String, Deque<Instant>> windows, String key, int max, Duration window) {
    Instant now = clock.instant();
    if (windows.size() > MAX_KEYS) {
      windows.values().removeIf(q -> {
        synchronized (q) {
          return q.isEmpty() || q.peekLast().isBefore(now.minus(window));
        }
      });
    }
    Deque<Instant> times = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
        times.pollFirst();
      }
      if (times.size() >= max) {
        return false;
      }
      times.addLast(now);
      return true;
    }
  }
}
