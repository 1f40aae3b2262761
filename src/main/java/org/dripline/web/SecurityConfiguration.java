package org.dripline.web;

import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * Three doors. {@code /api/**} and {@code /actuator/**}: a bearer token from configuration, no
 * session, no CSRF (no cookie is ever trusted there), 401 as problem+json. {@code /console/**}:
 * a form login with a session and CSRF. {@code /webhooks/**}: open to the sending providers,
 * stateless, each request verified by its signature where it is handled. Everything else (tracking, unsubscribe, preferences,
 * sign-up, dev inbox, health) is public, cookie-free and CSRF-free as before: a mailbox
 * provider's one-click unsubscribe POST carries neither a cookie nor a token.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  public static final String LOGIN_PAGE = "/console/login";
  static final String CONSOLE_ROLE = "CONSOLE";

  /** Needs the token; {@code /api/subscribe} (the public sign-up) and health stay open. */
  @Bean
  @Order(1)
  SecurityFilterChain apiChain(HttpSecurity http, WebSettings settings) throws Exception {
    String token = settings.api().token();
    if (token.isBlank()) {
      log.warn("The ops API (/api/runs, /api/campaigns, /actuator/prometheus) answers 401 to every request:"
          + " set dripline.api.token (e.g. the environment variable DRIPLINE_API_TOKEN) to a long random value"
          + " and send it as 'Authorization: Bearer <token>'");
    } else if (token.length() < 20) {
      log.warn("dripline.api.token is shorter than 20 characters: use a long random value");
    }
    AuthenticationEntryPoint unauthorized = (request, response, e) -> {
      response.setStatus(HttpStatus.UNAUTHORIZED.value());
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"dripline\"");
      response.setContentType("application/problem+json");
      response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
          + "\"detail\":\"send the API token as 'Authorization: Bearer <token>' (dripline.api.token)\"}")
          .getBytes(StandardCharsets.UTF_8));
    };
    return http.securityMatcher("/api/**", "/actuator/**")
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/api/subscribe", "/actuator/health", "/actuator/health/**").permitAll()
            .anyRequest().hasRole(ApiTokenFilter.ROLE))
        .addFilterBefore(new ApiTokenFilter(token), AnonymousAuthenticationFilter.class)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .httpBasic(basic -> basic.disable())
        .formLogin(form -> form.disable())
        .logout(logout -> logout.disable())
        .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized))
        .build();
  }

  /** Marketers' and operators' pages; CSRF stays on for their forms (login, preview, logout). */
  @Bean
  @Order(2)
  SecurityFilterChain consoleChain(HttpSecurity http, LoginThrottle throttle) throws Exception {
    SavedRequestAwareAuthenticationSuccessHandler toConsole = new SavedRequestAwareAuthenticationSuccessHandler();
    toConsole.setDefaultTargetUrl("/console");
    SimpleUrlAuthenticationFailureHandler toError = new SimpleUrlAuthenticationFailureHandler(LOGIN_PAGE + "?error");
    return http.securityMatcher("/console/**")
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(LOGIN_PAGE).permitAll()
            .anyRequest().hasRole(CONSOLE_ROLE))
        // Guessing is throttled per user name and client (LoginThrottle): refused before the password is checked.
        .addFilterBefore(new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
        .formLogin(form -> form.loginPage(LOGIN_PAGE)
            .successHandler((request, response, authentication) -> {
              throttle.succeeded(authentication.getName(), request.getRemoteAddr());
              toConsole.onAuthenticationSuccess(request, response, authentication);
            })
            .failureHandler((request, response, e) -> {
              throttle.failed(request.getParameter("username"), request.getRemoteAddr());
              toError.onAuthenticationFailure(request, response, e);
            }))
        .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl(LOGIN_PAGE + "?logout"))
        .headers(headers -> headers
            // No script anywhere; the preview's srcdoc frame inherits this, so an email's tracking
            // pixel or remote image is never fetched and a preview records no open.
            .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; style-src 'unsafe-inline';"
                + " img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"))
            .referrerPolicy(referrer -> referrer.policy(
                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
        .build();
  }

  /**
   * Sending providers' bounce and complaint webhooks (bounce.providers): no API token and no
   * session, because a provider can send neither; each request is verified by its controller
   * instead (SNS, Mailgun and SendGrid signatures, Postmark's basic credentials from
   * dripline.bounce.webhooks.*). Spring Security's own basic authentication stays off so that
   * Postmark's Authorization header is never checked against the console's user.
   */
  @Bean
  @Order(3)
  SecurityFilterChain webhookChain(HttpSecurity http) throws Exception {
    return http.securityMatcher("/webhooks/**")
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .httpBasic(basic -> basic.disable())
        .formLogin(form -> form.disable())
        .logout(logout -> logout.disable())
        .build();
  }

  /**
   * As before security was added: open, stateless, no CSRF, and no headers of Spring Security's:
   * these pages set their own (the unsubscribe page DENY framing, the dev inbox frames its HTML part).
   */
  @Bean
  @Order(4)
  SecurityFilterChain publicChain(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .headers(headers -> headers.disable())
        .build();
  }

  /**
   * One console user from configuration. Without a password nobody can log in (the login page
   * says how to set one): production never gets a default password.
   */
  @Bean
  UserDetailsService consoleUsers(ConsoleLogin login, PasswordEncoder encoder) {
    if (!login.configured()) {
      log.warn("The console (/console) lets nobody in: set dripline.console.password (and optionally"
          + " dripline.console.username, default 'admin')");
      return new InMemoryUserDetailsManager();
    }
    return new InMemoryUserDetailsManager(User.withUsername(login.username()).password(login.encodedPassword())
        .roles(CONSOLE_ROLE).build());
  }

  /** {@code {bcrypt}...}, {@code {noop}...} or any id Spring Security knows. */
  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }
}
