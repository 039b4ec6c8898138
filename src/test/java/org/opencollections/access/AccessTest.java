package org.opencollections.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Every endpoint refuses a caller without credentials (401) and a caller whose role may not use it (403), and
 * lets a permitted role through to the endpoint itself. The table below is written from the roles' duties,
 * not copied from the security configuration. The calls name unknown debts or carry empty bodies, so a
 * permitted call ends in the endpoint's own answer (400, 404 ...), never in a change.
 */
@CollectionsTest
class AccessTest {

  static final Set<String> EVERYONE = Set.of("operator", "supervisor", "owner", "compliance", "admin");
  static final Set<String> WORKS_CASES = Set.of("operator", "supervisor", "admin");
  static final Set<String> MANAGES = Set.of("supervisor", "admin");
  static final Set<String> GUARDS_CONTACT = Set.of("operator", "supervisor", "compliance", "admin");
  static final Set<String> RELEASES_HOLDS = Set.of("supervisor", "compliance", "admin");
  static final Set<String> AUDITS = Set.of("supervisor", "compliance", "owner", "admin");
  static final Set<String> ADMIN = Set.of("admin");
  static final Set<String> SCRAPES = Set.of("prometheus", "admin");
  /** Every demo user, the scrape user among them: it must be refused everywhere but /actuator/prometheus. */
  static final Set<String> ALL_USERS = Set.of("operator", "supervisor", "owner", "compliance", "admin", "prometheus");

  static final String DEBT = "/api/debts/" + UUID.randomUUID();
  static final String DEBTOR = "/api/debtors/" + UUID.randomUUID();

  @Autowired TestRestTemplate http;

  static Stream<Arguments> endpoints() {
    return Stream.of(
        Arguments.of(HttpMethod.GET, "/api/debts", EVERYONE),
        Arguments.of(HttpMethod.GET, DEBT, EVERYONE),
        Arguments.of(HttpMethod.POST, "/api/debts", MANAGES),
        Arguments.of(HttpMethod.GET, DEBT + "/timeline", EVERYONE),
        Arguments.of(HttpMethod.GET, DEBT + "/postings", EVERYONE),
        Arguments.of(HttpMethod.POST, DEBT + "/payments", WORKS_CASES),
        Arguments.of(HttpMethod.POST, DEBT + "/payments/" + UUID.randomUUID() + "/reversal", MANAGES),
        Arguments.of(HttpMethod.POST, DEBT + "/charges", MANAGES),
        Arguments.of(HttpMethod.PUT, DEBT + "/assignee", MANAGES),
        Arguments.of(HttpMethod.POST, DEBT + "/legal-outcome", MANAGES),
        Arguments.of(HttpMethod.POST, DEBT + "/contact-attempts", WORKS_CASES),
        Arguments.of(HttpMethod.GET, DEBT + "/contact-attempts", EVERYONE),
        Arguments.of(HttpMethod.GET, DEBT + "/messages", EVERYONE),
        Arguments.of(HttpMethod.POST, DEBT + "/holds", GUARDS_CONTACT),
        Arguments.of(HttpMethod.POST, DEBT + "/holds/" + UUID.randomUUID() + "/release", RELEASES_HOLDS),
        Arguments.of(HttpMethod.POST, DEBT + "/holds/" + UUID.randomUUID() + "/verification", RELEASES_HOLDS),
        Arguments.of(HttpMethod.GET, DEBTOR, EVERYONE),
        Arguments.of(HttpMethod.PUT, DEBTOR + "/contact-preferences", GUARDS_CONTACT),
        Arguments.of(HttpMethod.POST, "/api/portfolio/imports", MANAGES),
        Arguments.of(HttpMethod.GET, "/api/portfolio/imports/" + UUID.randomUUID(), MANAGES),
        Arguments.of(HttpMethod.GET, "/api/portfolio/imports/" + UUID.randomUUID() + "/debts", MANAGES),
        Arguments.of(HttpMethod.GET, "/api/tasks", WORKS_CASES),
        Arguments.of(HttpMethod.POST, "/api/tasks/1/complete", WORKS_CASES),
        Arguments.of(HttpMethod.GET, "/api/audit?debtId=" + UUID.randomUUID(), AUDITS),
        Arguments.of(HttpMethod.GET, "/api/simulation/clock", EVERYONE),
        Arguments.of(HttpMethod.POST, "/api/simulation/clock", ADMIN),
        Arguments.of(HttpMethod.GET, "/actuator/metrics", ADMIN),
        Arguments.of(HttpMethod.GET, "/actuator/prometheus", SCRAPES),
        Arguments.of(HttpMethod.GET, "/api/models", AUDITS),
        Arguments.of(HttpMethod.GET, "/api/analytics/kpis?from=2027-03-01&to=2027-03-02", MANAGES),
        Arguments.of(HttpMethod.POST, "/api/compliance/what-if", GUARDS_CONTACT));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("endpoints")
  void onlyThePermittedRolesGetThrough(HttpMethod method, String path, Set<String> permitted) {
    Object body = method == HttpMethod.GET ? null : Map.of();
    ResponseEntity<String> anonymous = http.exchange(path, method, new org.springframework.http.HttpEntity<>(body), String.class);
    assertThat(anonymous.getStatusCode().value()).as("without credentials").isEqualTo(401);
    ResponseEntity<String> wrongPassword =
        http.withBasicAuth("guess-" + method + path, "not-the-password") // a name of its own: no lockout
            .exchange(path, method, new org.springframework.http.HttpEntity<>(body), String.class);
    assertThat(wrongPassword.getStatusCode().value()).as("wrong password").isEqualTo(401);

    List<String> outcomes = new ArrayList<>();
    for (String user : ALL_USERS) {
      int status = new Api(http, user).call(method, path, body).getStatusCode().value();
      boolean permittedUser = permitted.contains(user);
      if (permittedUser ? status == 401 || status == 403 : status != 403) {
        outcomes.add(user + " got " + status + (permittedUser ? " but is permitted" : " but is not permitted"));
      }
    }
    assertThat(outcomes).isEmpty();
  }

  /** A Prometheus server scrapes with a user of its own, which sees the metrics and nothing of the cases. */
  @org.junit.jupiter.api.Test
  void theScrapeUserReadsTheMetricsInPrometheusFormat() {
    ResponseEntity<String> scraped = http.withBasicAuth("prometheus", "prometheus").getForEntity("/actuator/prometheus", String.class);
    assertThat(scraped.getStatusCode().value()).isEqualTo(200);
    assertThat(scraped.getHeaders().getContentType().toString()).startsWith("text/plain");
    assertThat(scraped.getBody()).contains("# TYPE collections_outbox_pending").contains("collections_cases_starts_total");
    // the bottleneck view's figures, per element of the model (counted on a schedule, every 5 s in the tests)
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(
        () -> http.withBasicAuth("prometheus", "prometheus").getForEntity("/actuator/prometheus", String.class).getBody(),
        body -> body.contains("collections_bottleneck_cases{element=\"Task_NegotiateWithDebtor\",stage=\"NEGOTIATION\"}")
            && body.contains("collections_bottleneck_sla_breaches{element=\"SubProcess_SoftReminders\"")
            && body.contains("collections_bottleneck_stage_time_p90_seconds{element=")
            // and this month's KPIs so far (every 10 s in the tests)
            && body.contains("collections_kpi_rate{kpi=\"right_party_contact\"}")
            && body.contains("collections_kpi_forward_roll{bucket=\"0-30\"}")
            && body.contains("collections_kpi_cost_to_collect{currency=\"USD\"}"));
    // and nothing of the cases (every endpoint above refuses it too)
    assertThat(http.withBasicAuth("prometheus", "prometheus").getForEntity("/api/debts", String.class).getStatusCode().value())
        .isEqualTo(403);
  }

  @org.springframework.boot.test.web.server.LocalServerPort int port;

  /** Embedded mode (demo users with public passwords) answers only on loopback. */
  @org.junit.jupiter.api.Test
  void embeddedModeListensOnLoopbackOnly() throws Exception {
    java.net.InetAddress external =
        java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
            .flatMap(n -> java.util.Collections.list(n.getInetAddresses()).stream())
            .filter(a -> !a.isLoopbackAddress() && a instanceof java.net.Inet4Address)
            .findFirst().orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(external != null, "this machine has no address besides loopback");
    try (var loopback = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      assertThat(loopback.isConnected()).isTrue();
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
          try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(external, port), 2_000);
          }
        })
        .isInstanceOf(java.io.IOException.class);
  }

  /** After five wrong passwords the user name is refused for a while, even with the right password. */
  @org.junit.jupiter.api.Test
  void repeatedWrongPasswordsLockTheUserNameForAWhile() throws Exception {
    assertThat(http.withBasicAuth("probe", "probe-secret").getForEntity("/api/debts", String.class).getStatusCode().value())
        .isEqualTo(200);
    for (int i = 0; i < 5; i++) {
      assertThat(http.withBasicAuth("probe", "guess-" + i).getForEntity("/api/debts", String.class).getStatusCode().value())
          .isEqualTo(401);
    }
    // asked with a client that does not wait out Retry-After by itself (the test's HTTP client would)
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/debts"))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("probe:probe-secret".getBytes()))
        .build();
    java.net.http.HttpResponse<String> locked;
    try (var client = java.net.http.HttpClient.newHttpClient()) {
      locked = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    }
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.headers().firstValue("Retry-After")).hasValue("900");
    assertThat(locked.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(locked.body()).contains("Too many failed logins");
    // other users are not affected
    assertThat(new Api(http, "operator").get("/api/debts").getStatusCode().value()).isEqualTo(200);
  }

  /** Health says UP or DOWN per part to anyone (probes), its details only to an administrator. */
  @org.junit.jupiter.api.Test
  void healthDetailsAreForAnAdministratorOnly() throws Exception {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var anonymous = json.readTree(http.getForEntity("/actuator/health", String.class).getBody());
    assertThat(anonymous.get("components").get("db").get("status").asText()).isEqualTo("UP");
    assertThat(anonymous.get("components").get("db").has("details")).isFalse();
    var operator = json.readTree(http.withBasicAuth("operator", "operator").getForEntity("/actuator/health", String.class).getBody());
    assertThat(operator.get("components").get("db").has("details")).isFalse();
    var admin = json.readTree(http.withBasicAuth("admin", "admin").getForEntity("/actuator/health", String.class).getBody());
    assertThat(admin.get("components").get("db").get("details").get("database").asText()).isEqualTo("PostgreSQL");
  }
}
