package org.opencollections.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.opencollections.support.Api;
import org.opencollections.support.Apps;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * F3: the embedded PostgreSQL stops under the running application and comes back, for less and for more than
 * the jobs' retry budget (three attempts, 10 s and 20 s apart; a connection is given up after 2 s here instead
 * of Hikari's 30 s, so the budget is spent in under a minute). Cases whose first steps fall into the outage go
 * on by themselves once PostgreSQL is back, and nothing is lost or done twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseOutageTest {

  Path data;
  ConfigurableApplicationContext app;
  Api api;
  Http http;
  Invariants invariants;
  Process restarted;

  @BeforeAll
  void start() throws IOException {
    data = Files.createTempDirectory("outage");
    app = Apps.startHere(data, "--spring.datasource.hikari.connection-timeout=2000");
    api = Apps.api(app);
    http = new Http(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")), "admin");
    invariants = Invariants.of(app);
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close(); // stops PostgreSQL too, the one this test started again included (pg_ctl stop on its data)
    }
    if (restarted != null && restarted.isAlive()) {
      restarted.destroy();
    }
  }

  @Test
  @Order(1)
  void aShortOutageIsRiddenOutAndNothingIsLost() throws Exception {
    List<String> debts = casesInTheirFirstSteps();
    List<String> argv = stopPostgres();
    Http.Answer during = http.postJson("/api/debts/" + debts.getFirst() + "/payments",
        "{\"reference\":\"OUTAGE-1\",\"amount\":\"10.00\",\"currency\":\"USD\"}");
    Thread.sleep(3_000);
    startPostgres(argv);

    // a client is told to come back, not that we failed: 503 with Retry-After (the payment's reference makes the retry safe)
    assertThat(during.status()).as("a payment while the database is down: " + during.body()).isEqualTo(503);
    assertThat(during.retryAfter()).isNotNull();
    assertThat(during.contentType()).startsWith("application/problem+json");
    everyCaseGoesOn(debts);
    assertThat(invariants.count("select count(*) from posting where reference = 'OUTAGE-1'")).as("nothing half-stored").isZero();
  }

  @Test
  @Order(2)
  void anOutageLongerThanTheRetryBudgetLeavesNoCaseStuck() throws Exception {
    List<String> debts = casesInTheirFirstSteps();
    List<String> argv = stopPostgres();
    Thread.sleep(45_000); // three attempts with 2 s to connect and 10 s, 20 s between them: the budget is spent
    startPostgres(argv);

    everyCaseGoesOn(debts);
  }

  private List<String> casesInTheirFirstSteps() {
    List<String> debts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      debts.add(api.createDebt("700.00", api.dateInDays(-20), "PERSONAL_LOAN"));
    }
    return debts;
  }

  private void everyCaseGoesOn(List<String> debts) {
    invariants.afterFault(debts); // no event left in the outbox, one instance each, no job open, no incident
    for (String debt : debts) {
      api.awaitStage(debt, "SOFT_REMINDER");
      assertThat(invariants.count(
              "select count(*) from contact_message where debt_id = ?::uuid and template = 'soft-reminder'", debt))
          .as("first reminder of " + debt).isEqualTo(1);
      assertThat(invariants.count("select count(*) from case_event where debt_id = ?::uuid and type = 'DECISION'", debt))
          .as("segmented once").isEqualTo(1);
    }
  }

  /** Stops the application's PostgreSQL and returns how it was started. */
  private List<String> stopPostgres() throws Exception {
    Path pgData = data.resolve("postgres");
    long pid = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).getFirst().trim());
    List<String> argv = Arrays.asList(
        new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")), StandardCharsets.UTF_8).split("\0"));
    // fast shutdown (SIGINT): open sessions are cut off, as in a crash of the server or a failover
    Process stop = new ProcessBuilder("kill", "-INT", String.valueOf(pid)).start();
    assertThat(stop.waitFor(10, TimeUnit.SECONDS) && stop.exitValue() == 0).as("kill -INT postmaster").isTrue();
    ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(60, TimeUnit.SECONDS).join());
    return argv;
  }

  /** Starts PostgreSQL again as it was started (same binary, data, port and settings). */
  private void startPostgres(List<String> argv) throws Exception {
    List<String> command = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("unshare", "-U")); // as the embedded PostgreSQL does: the server refuses to run as root
    }
    command.addAll(argv);
    restarted = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("postgres-restarted.log").toFile())).start();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
        .until(() -> invariants.count("select 1") == 1);
  }
}
