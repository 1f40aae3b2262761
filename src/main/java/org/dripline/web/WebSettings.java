package org.dripline.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The secrets of the two protected web doors: the ops API's bearer token and the console's one
 * login. Bound to {@code dripline} because their keys ({@code dripline.api.*},
 * {@code dripline.console.*}) predate the per-feature prefixes. Both come from configuration only
 * (e.g. DRIPLINE_API_TOKEN, DRIPLINE_CONSOLE_PASSWORD); unset, the door stays shut.
 *
 * @param api     the ops API (/api/**, /actuator/** except health)
 * @param console the console (/console/**)
 */
@ConfigurationProperties("dripline")
public record WebSettings(@DefaultValue Api api, @DefaultValue Console console) {

  /**
   * @param token bearer token of the ops API and Prometheus (Authorization: Bearer token); unset, the API answers
   *              401 to everything. Use a long random value (at least 20 characters)
   */
  public record Api(@DefaultValue("") String token) {

    public Api {
      token = token == null ? "" : token;
    }

    @Override
    public String toString() {
      return "Api[token=" + (token.isBlank() ? "(none)" : "(set)") + "]";
    }
  }

  /**
   * @param username user name of the console's one login
   * @param password password of the console login: encoded ({bcrypt}..., {noop}...) or plain text; unset,
   *                 nobody can log in
   * @param maxFailures wrong passwords in a row (per user name, and per client address) before logins are refused
   * @param lockout how long logins are refused after the first lockout; each further lockout doubles it
   * @param maxLockout the longest lockout
   */
  public record Console(@DefaultValue("admin") String username, @DefaultValue("") String password,
      @DefaultValue("5") int maxFailures, @DefaultValue("PT1M") java.time.Duration lockout,
      @DefaultValue("PT1H") java.time.Duration maxLockout) {

    public Console {
      username = username == null || username.isBlank() ? "admin" : username.strip();
      password = password == null ? "" : password;
      if (maxFailures < 1) {
        throw new IllegalArgumentException("dripline.console.max-failures must be at least 1, not " + maxFailures);
      }
      lockout = lockout == null || lockout.isNegative() ? java.time.Duration.ofMinutes(1) : lockout;
      maxLockout = maxLockout == null || maxLockout.compareTo(lockout) < 0 ? lockout : maxLockout;
    }


    @Override
    public String toString() {
      return "Console[username=" + username + ", password=" + (password.isBlank() ? "(none)" : "(set)")
          + ", maxFailures=" + maxFailures + ", lockout=" + lockout + ", maxLockout=" + maxLockout + "]";
    }
  }
}
