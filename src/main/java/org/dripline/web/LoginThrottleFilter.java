package org.dripline.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a console login post with 429 and a page saying how long to wait while the user name
 * or the client is locked (LoginThrottle), before the password is even looked at: during a
 * lockout the right password is refused too, so guessing gains nothing.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

  private final LoginThrottle throttle;

  LoginThrottleFilter(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod())
        || !(request.getContextPath() + SecurityConfiguration.LOGIN_PAGE).equals(request.getRequestURI());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Duration wait = throttle.retryAfter(request.getParameter("username"), request.getRemoteAddr());
    if (wait.isZero()) {
      chain.doFilter(request, response);
      return;
    }
    long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    response.setStatus(429);
    response.setHeader("Retry-After", Long.toString(seconds));
    response.setContentType("text/html;charset=UTF-8");
    response.getOutputStream().write(("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>Too many attempts</title></head><body><h1>Too many failed logins</h1>"
        + "<p>Too many wrong passwords for this user or from this address: logins are refused for " + seconds
        + " more seconds, even with the right password.</p><p><a href=\"" + SecurityConfiguration.LOGIN_PAGE
        + "\">Back to the login page</a></p></body></html>").getBytes(StandardCharsets.UTF_8));
  }
}
