package org.dripline.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <dripline.api.token>} authenticates the request as the API
 * client. A missing or wrong token just leaves it anonymous: the chain's rules answer 401.
 * Not a bean on purpose: Boot would also register a Filter bean for every request.
 */
class ApiTokenFilter extends OncePerRequestFilter {

  static final String ROLE = "API";
  private static final String BEARER = "bearer ";

  private final byte[] expected;
  private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

  ApiTokenFilter(String token) {
    this.expected = token.isBlank() ? null : digest(token);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (expected != null && header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        // Digests first: equal lengths, so the comparison time says nothing about the token.
        && MessageDigest.isEqual(expected, digest(header.substring(BEARER.length()).strip()))) {
      SecurityContext context = contexts.createEmptyContext();
      context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("api-client", null,
          List.of(new SimpleGrantedAuthority("ROLE_" + ROLE))));
      contexts.setContext(context);
    }
    chain.doFilter(request, response);
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
