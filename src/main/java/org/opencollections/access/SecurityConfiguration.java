package org.opencollections.access;

import static org.opencollections.access.Role.ADMIN;
import static org.opencollections.access.Role.COMPLIANCE_OFFICER;
import static org.opencollections.access.Role.OPERATOR;
import static org.opencollections.access.Role.PROCESS_OWNER;
import static org.opencollections.access.Role.SUPERVISOR;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;
import static org.springframework.http.HttpMethod.PATCH;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opencollections.process.EngineMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. HTTP Basic over a stateless API; every endpoint names the roles it admits, and any
 * endpoint not named here is refused. The browser workbench ({@link #WORKBENCH_PATHS}) has a chain of its own:
 * form login, a session, CSRF protection. In embedded mode one demo user per role exists ({@code operator/operator}
 * ... {@code admin/admin}); outside it only the users configured under {@code collections.security.users}.
 */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

  private static final Role[] EVERYONE = Role.people();
  private static final Role[] WORKS_CASES = {OPERATOR, SUPERVISOR, ADMIN};
  private static final Role[] MANAGES = {SUPERVISOR, ADMIN};
  private static final Role[] GUARDS_CONTACT = {OPERATOR, SUPERVISOR, COMPLIANCE_OFFICER, ADMIN};
  private static final Role[] RELEASES_HOLDS = {SUPERVISOR, COMPLIANCE_OFFICER, ADMIN};
  private static final Role[] AUDITS = {SUPERVISOR, COMPLIANCE_OFFICER, PROCESS_OWNER, ADMIN};

  /** The paths of the browser workbench; everything else is the API's. */
  static final String[] WORKBENCH_PATHS = {"/", "/login", "/logout", "/workbench", "/workbench/**"};

  /**
   * The browser workbench: a login page, a session cookie, CSRF protection on every change, logout; the same
   * users and roles as the API, and each action admits the roles its API endpoint admits.
   */
  @Bean
  @org.springframework.core.annotation.Order(1)
  SecurityFilterChain workbench(HttpSecurity http, LoginThrottle throttle) throws Exception {
    http.securityMatcher(WORKBENCH_PATHS)
        .addFilterBefore(throttle, org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class)
        .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/workbench/queue", false).failureUrl("/login?error").permitAll())
        .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID"))
        .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
        .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
                + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'")))
        .exceptionHandling(e -> e.accessDeniedPage("/workbench/denied"))
        .authorizeHttpRequests(
            a ->
                a.requestMatchers("/workbench/assets/**", "/login").permitAll() // the login page with any message (?locked too)
                    .requestMatchers("/workbench/denied").permitAll()
                    .requestMatchers(POST, "/workbench/cases/*/payments").hasAnyRole(names(WORKS_CASES))
                    .requestMatchers(POST, "/workbench/cases/*/contact-attempts").hasAnyRole(names(WORKS_CASES))
                    .requestMatchers(POST, "/workbench/cases/*/holds").hasAnyRole(names(GUARDS_CONTACT))
                    .requestMatchers(POST, "/workbench/cases/*/assignee").hasAnyRole(names(MANAGES))
                    .requestMatchers(POST, "/workbench/cases/*/claim", "/workbench/cases/*/release").hasAnyRole(names(WORKS_CASES))
                    .requestMatchers("/workbench/tasks/**").hasAnyRole(names(WORKS_CASES))
                    .requestMatchers("/workbench/what-if").hasAnyRole(names(GUARDS_CONTACT))
                    .requestMatchers(GET, "/workbench/bottlenecks", "/workbench/bottlenecks/**")
                        .hasAnyRole(SUPERVISOR.name(), PROCESS_OWNER.name(), ADMIN.name())
                    .requestMatchers(POST, "/workbench/targets").hasAnyRole(names(MANAGES))
                    .requestMatchers(GET, "/workbench/targets").hasAnyRole(names(WORKS_CASES)) // an operator: their own row
                    .requestMatchers(GET, "/workbench/kpis").hasAnyRole(SUPERVISOR.name(), ADMIN.name())
                    .requestMatchers(GET, "/", "/workbench", "/workbench/**").hasAnyRole(names(EVERYONE))
                    .anyRequest().denyAll());
    return http.build();
  }

  @Bean
  @org.springframework.core.annotation.Order(2)
  SecurityFilterChain api(HttpSecurity http, LoginThrottle throttle) throws Exception {
    http.addFilterBefore(throttle, org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class)
        .csrf(c -> c.disable()) // a stateless API with Basic credentials: no session cookie to forge
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(b -> b.realmName("collections").authenticationEntryPoint(SecurityConfiguration::unauthorized))
        .exceptionHandling(e -> e.authenticationEntryPoint(SecurityConfiguration::unauthorized)
            .accessDeniedHandler((request, response, denied) ->
                problem(response, 403, "Forbidden", "Your role may not do this", request.getRequestURI())))
        .authorizeHttpRequests(
            a ->
                a.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                    .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                    .requestMatchers("/error").permitAll()
                    .requestMatchers(GET, "/actuator/prometheus").hasAnyRole(Role.METRICS_SCRAPER.name(), ADMIN.name())
                    .requestMatchers("/actuator/**").hasRole(ADMIN.name())
                    .requestMatchers(POST, "/api/simulation/clock").hasRole(ADMIN.name())
                    .requestMatchers(POST, "/api/debts").hasAnyRole(names(MANAGES))
                    .requestMatchers("/api/portfolio/**").hasAnyRole(names(MANAGES))
                    .requestMatchers(POST, "/api/debts/*/payments").hasAnyRole(names(WORKS_CASES))
                    .requestMatchers(POST, "/api/debts/*/payments/*/reversal").hasAnyRole(names(MANAGES))
                    .requestMatchers(POST, "/api/debts/*/charges").hasAnyRole(names(MANAGES))
                    .requestMatchers(PUT, "/api/debts/*/assignee").hasAnyRole(names(MANAGES))
                    .requestMatchers(POST, "/api/debts/*/claim").hasAnyRole(names(WORKS_CASES))
                    .requestMatchers(DELETE, "/api/debts/*/claim").hasAnyRole(names(WORKS_CASES))
                    .requestMatchers(POST, "/api/debts/*/legal-outcome").hasAnyRole(names(MANAGES))
                    .requestMatchers(POST, "/api/debts/*/contact-attempts").hasAnyRole(names(WORKS_CASES))
                    .requestMatchers(POST, "/api/debts/*/holds").hasAnyRole(names(GUARDS_CONTACT))
                    .requestMatchers(POST, "/api/compliance/what-if").hasAnyRole(names(GUARDS_CONTACT))
                    .requestMatchers(POST, "/api/debts/*/holds/*/release", "/api/debts/*/holds/*/verification")
                        .hasAnyRole(names(RELEASES_HOLDS))
                    .requestMatchers(PUT, "/api/debtors/*/contact-preferences").hasAnyRole(names(GUARDS_CONTACT))
                    .requestMatchers(POST, "/api/debtors/*/contact-points").hasAnyRole(names(GUARDS_CONTACT))
                    .requestMatchers(PATCH, "/api/debtors/*/contact-points/*").hasAnyRole(names(GUARDS_CONTACT))
                    .requestMatchers(GET, "/api/tasks").hasAnyRole(names(WORKS_CASES))
                    .requestMatchers(POST, "/api/tasks/*/complete").hasAnyRole(names(WORKS_CASES))
                    .requestMatchers(GET, "/api/audit", "/api/audit/**").hasAnyRole(names(AUDITS))
                    .requestMatchers(GET, "/api/models", "/api/models/**").hasAnyRole(names(AUDITS))
                    .requestMatchers(GET, "/api/analytics/bottlenecks", "/api/analytics/bottlenecks/**")
                        .hasAnyRole(SUPERVISOR.name(), PROCESS_OWNER.name(), ADMIN.name())
                    .requestMatchers(PUT, "/api/targets/*/*").hasAnyRole(names(MANAGES))
                    .requestMatchers(GET, "/api/targets/**").hasAnyRole(names(WORKS_CASES)) // an operator: their own row
                    .requestMatchers(GET, "/api/analytics/kpis").hasAnyRole(SUPERVISOR.name(), ADMIN.name())
                    .requestMatchers(GET, "/api/**").hasAnyRole(names(EVERYONE))
                    .requestMatchers("/api/**").denyAll()
                    .anyRequest().authenticated());
    return http.build();
  }

  /** 401 as a problem detail, with the challenge for HTTP Basic. */
  private static void unauthorized(
      jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
      org.springframework.security.core.AuthenticationException failure) throws java.io.IOException {
    response.setHeader("WWW-Authenticate", "Basic realm=\"collections\"");
    problem(response, 401, "Unauthorized", "Log in with a user name and password (HTTP Basic)", request.getRequestURI());
  }

  static void problem(jakarta.servlet.http.HttpServletResponse response, int status, String title, String detail, String path)
      throws java.io.IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    String instance = path == null ? "" : path.replaceAll("[^A-Za-z0-9/._~-]", "");
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
        + ",\"detail\":\"" + detail + "\",\"instance\":\"" + instance + "\"}");
  }

  /** The throttle runs inside the security chain only, not a second time as a servlet filter of its own. */
  @Bean
  org.springframework.boot.web.servlet.FilterRegistrationBean<LoginThrottle> loginThrottleOutsideTheChain(LoginThrottle throttle) {
    var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(throttle);
    registration.setEnabled(false);
    return registration;
  }

  /** The installation's users: the configured ones, and in embedded mode on loopback the demo users. */
  @Bean
  UserDirectory userDirectory(SecurityProperties properties, Environment env) {
    List<UserDetails> users = new ArrayList<>();
    for (SecurityProperties.User u : properties.users()) {
      if (u.name() == null || u.password() == null || u.roles() == null || u.roles().isEmpty()) {
        throw new IllegalStateException("collections.security.users: every user needs a name, a password and roles");
      }
      if (!u.password().startsWith("{")) {
        throw new IllegalStateException(
            "collections.security.users: the password of " + u.name()
                + " must name its encoding, e.g. {bcrypt}$2a$10$... (or {noop}... for a trial)");
      }
      users.add(User.withUsername(u.name()).password(u.password()).roles(names(u.roles().toArray(Role[]::new))).build());
    }
    if (EngineMode.of(env).embedded() && !DemoUsers.onLoopback(env.getProperty("server.address"))) {
      // the demo users' passwords are public: never on an address that others can reach
      if (users.isEmpty()) {
        throw new IllegalStateException(
            "Embedded mode listens on " + env.getProperty("server.address") + ", which is not a loopback address:"
                + " its demo users (public passwords) are not created there. Configure collections.security.users,"
                + " or listen on 127.0.0.1 (the default)");
      }
      LOG.warn("Listening on {}: the demo users are not created (only on loopback)", env.getProperty("server.address"));
    } else if (EngineMode.of(env).embedded()) {
      // the demo passwords are public (README): a low bcrypt cost keeps every Basic request cheap
      var demo = new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4);
      for (Role role : Role.values()) {
        String name = demoName(role);
        users.add(User.withUsername(name).password("{bcrypt}" + demo.encode(name)).roles(role.name()).build());
      }
    } else if (users.isEmpty()) {
      LOG.warn("No users configured (collections.security.users): every API call will be refused");
    }
    return new UserDirectory(users);
  }

  @Bean
  UserDetailsService users(UserDirectory directory) {
    return new InMemoryUserDetailsManager(directory.details());
  }

  /** operator, supervisor, owner, compliance, admin, prometheus: the demo user of each role in embedded mode. */
  static String demoName(Role role) {
    return switch (role) {
      case PROCESS_OWNER -> "owner";
      case COMPLIANCE_OFFICER -> "compliance";
      case METRICS_SCRAPER -> "prometheus";
      default -> role.name().toLowerCase();
    };
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  private static String[] names(Role... roles) {
    return Arrays.stream(roles).map(Enum::name).toArray(String[]::new);
  }
}
