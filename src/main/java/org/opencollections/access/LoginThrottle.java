package org.opencollections.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows password guessing down: after {@code collections.security.login.max-failures} wrong passwords for one
 * user name, each less than {@code collections.security.login.lockout} after the one before, that user name
 * is answered 429 with {@code Retry-After} until the period after the last failure is over, whatever the
 * password. A successful login clears the count. Counted per user name, not per address: colleagues behind
 * one office address are not locked out by one of them. Counts live in memory, bounded and expiring.
 */
@Component
public class LoginThrottle extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

  private final int maxFailures;
  private final Duration lockout;
  private final Cache<String, Integer> failures;

  LoginThrottle(
      @Value("${collections.security.login.max-failures:5}") int maxFailures,
      @Value("${collections.security.login.lockout:PT15M}") Duration lockout) {
    this.maxFailures = maxFailures;
    this.lockout = lockout;
    this.failures = Caffeine.newBuilder().expireAfterWrite(lockout).maximumSize(100_000).build();
  }

  @EventListener
  void failed(AuthenticationFailureBadCredentialsEvent event) {
    count(event.getAuthentication().getName());
  }

  @EventListener
  void succeeded(AuthenticationSuccessEvent event) {
    failures.invalidate(event.getAuthentication().getName());
  }

  private void count(String key) {
    // every failure is a write: the period starts again from the latest one
    int n = failures.asMap().merge(key, 1, Integer::sum);
    if (n == maxFailures) { // the user name is not logged: it may be a password typed in the wrong field
      LOG.warn("{} failed logins in a row for one user name: it is refused for {}", n, lockout);
    }
  }

  /** Whether the user name is refused now. */
  boolean throttled(String user) {
    Integer n = failures.getIfPresent(user);
    return n != null && n >= maxFailures;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
      // the workbench's login form: the same count, answered as the login page would
      String user = request.getParameter("username");
      if (user != null && throttled(user)) {
        response.setHeader("Retry-After", String.valueOf(lockout.toSeconds()));
        response.sendRedirect(request.getContextPath() + "/login?locked");
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    String user = basicUser(request.getHeader("Authorization"));
    if (user != null && throttled(user)) {
      response.setHeader("Retry-After", String.valueOf(lockout.toSeconds()));
      SecurityConfiguration.problem(response, 429, "Too Many Requests",
          "Too many failed logins: try again in " + lockout.toMinutes() + " minutes", request.getRequestURI());
      return;
    }
    chain.doFilter(request, response);
  }

  private static String basicUser(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? decoded : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
