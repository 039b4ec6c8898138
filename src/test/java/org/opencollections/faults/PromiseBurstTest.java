package org.opencollections.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencollections.support.Api;
import org.opencollections.support.Apps;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * F7: many promises due in the same minute. Every case is taken the way an operator takes it (a portfolio
 * import, the case's own reminder, its negotiation task completed through the task API with a promise for
 * the same day), half of them paid, then the clock passes the day they are all checked at: every instalment
 * is checked once (paid or missed), none is lost, none checked twice, and every case goes on.
 *
 * <p>The count is {@code -Dfaults.promises} (default 100 in the suite); 10,000 is the benchmark value. It
 * measures and prints the time of each phase, and asserts no timing.
 */
class PromiseBurstTest {

  static final int PROMISES = Integer.getInteger("faults.promises", 100);

  @TempDir Path data;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void everyPromiseDueInTheSameMinuteIsCheckedOnceAndNoneIsLost() throws Exception {
    try (ConfigurableApplicationContext app = Apps.startHere(data)) {
      Api api = Apps.api(app);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      Http http = new Http(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")), "supervisor");
      Invariants invariants = Invariants.of(app);
      long t0 = System.nanoTime();

      // 1. the portfolio: high-value debts, one reminder each, negotiation three days later
      String run = UUID.randomUUID().toString().substring(0, 8);
      StringBuilder csv = new StringBuilder("externalRef,debtor.name,debtor.email,debtor.timeZone,debtor.jurisdiction,principal,currency,dueDate,product\n");
      String due = api.dateInDays(-20);
      for (int i = 0; i < PROMISES; i++) {
        csv.append("PROMISE-").append(run).append('-').append(i).append(",Debtor ").append(i).append(",d").append(i)
            .append("@example.org,America/New_York,US-NY,12000.00,USD,").append(due).append(",PERSONAL_LOAN\n");
      }
      Http.Answer accepted = http.post("/api/portfolio/imports", "text/csv", csv.toString());
      assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
      String importId = json.readTree(accepted.body()).get("id").asText();
      await().atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofSeconds(1))
          .until(() -> api.get("/api/portfolio/imports/" + importId + "?size=1").getBody().get("state").asText(), "COMPLETED"::equals);
      List<String> debts = jdbc.queryForList("select id::text from debt where import_id = ?::uuid", String.class, importId);
      assertThat(debts).hasSize(PROMISES);
      await().atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofSeconds(1)).until(() -> jdbc.queryForObject(
          "select count(distinct debt_id) from contact_message where template = 'soft-reminder'", Long.class) == PROMISES);
      invariants.noJobStuck(debts); // each waits at its reminder interval
      long imported = System.nanoTime();

      // 2. negotiation: a promise of 100.00 for the same day from every debtor, through the task API
      api.advance("P3D");
      await().atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofSeconds(1)).until(() -> jdbc.queryForObject(
          "select count(*) from engine_user_task where element_id = 'Task_NegotiateWithDebtor'", Long.class) == PROMISES);
      String promiseDate = api.dateInDays(5);
      List<Long> tasks = jdbc.queryForList(
          "select t.user_task_key from engine_user_task t join debt d on d.process_instance_key = t.process_instance_key"
              + " where t.element_id = 'Task_NegotiateWithDebtor' and d.import_id = ?::uuid", Long.class, importId);
      assertThat(tasks).hasSize(PROMISES);
      Http operator = new Http(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")), "operator");
      String form = "{\"outcome\":\"PROMISE_TO_PAY\",\"promiseAmount\":100,\"promiseDate\":\"" + promiseDate + "\"}";
      parallel(tasks, task -> {
        Http.Answer done = operator.postJson("/api/tasks/" + task + "/complete", form);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
      });
      await().atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofSeconds(1)).until(() -> jdbc.queryForObject(
          "select count(*) from debt where import_id = ?::uuid and stage = 'MONITORING'", Long.class, importId) == PROMISES);
      invariants.noJobStuck(debts); // each waits at its instalment's check
      assertThat(jdbc.queryForObject(
              "select count(distinct i.check_at) from instalment i join commitment c on c.id = i.commitment_id"
                  + " join debt d on d.id = c.debt_id where d.import_id = ?::uuid", Long.class, importId))
          .as("all checks are due at the same moment").isEqualTo(1);
      // half of the debtors keep their promise
      List<String> paying = new ArrayList<>();
      for (int i = 0; i < debts.size(); i += 2) {
        paying.add(debts.get(i));
      }
      parallel(paying, debt -> {
        Http.Answer paid = operator.postJson("/api/debts/" + debt + "/payments",
            "{\"reference\":\"KEPT-" + debt + "\",\"amount\":\"100.00\",\"currency\":\"USD\"}");
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
      });
      long promised = System.nanoTime();

      // 3. the day they are all checked at passes: every check falls due in the same minute
      api.advance("P10D");
      await().atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofMillis(500)).until(() -> jdbc.queryForObject(
          "select count(*) from instalment i join commitment c on c.id = i.commitment_id join debt d on d.id = c.debt_id"
              + " where d.import_id = ?::uuid and i.status <> 'PENDING'", Long.class, importId) == PROMISES);
      long checked = System.nanoTime();

      assertThat(jdbc.queryForObject(
              "select count(*) from instalment i join commitment c on c.id = i.commitment_id join debt d on d.id = c.debt_id"
                  + " where d.import_id = ?::uuid and i.status = 'PAID'", Long.class, importId))
          .as("kept promises").isEqualTo(paying.size());
      for (String debt : debts) {
        long paid = jdbc.queryForObject(
            "select count(*) from case_event where debt_id = ?::uuid and type = 'INSTALMENT_PAID'", Long.class, debt);
        long missed = jdbc.queryForObject(
            "select count(*) from case_event where debt_id = ?::uuid and type = 'INSTALMENT_MISSED'", Long.class, debt);
        assertThat(paid + missed).as("checks of " + debt).isEqualTo(1);
        assertThat(paid).as("paid? " + debt).isEqualTo(paying.contains(debt) ? 1 : 0);
      }
      // the engine did each check once: one evaluate-commitment job per case, completed once, none left
      invariants.afterFault(debts);
      assertThat(jdbc.queryForObject(
              "select count(*) from debt where import_id = ?::uuid and stage = 'MONITORING'", Long.class, importId))
          .as("cases left waiting on a check").isZero();
      for (String debt : paying) {
        invariants.balanceIsDerived(debt, new BigDecimal(api.debt(debt).get("balance").asText()));
        invariants.paymentsAreTheAcknowledgedOnes(debt, Map.of("KEPT-" + debt, new BigDecimal("100.00")));
      }

      String report = String.format(
          "F7 %d promises: import and first steps %.1f s, negotiation and payments %.1f s, all checks after the clock passed"
              + " their minute %.1f s (%.0f checks/s)%n",
          PROMISES, secs(imported - t0), secs(promised - imported), secs(checked - promised),
          PROMISES / Math.max(0.001, secs(checked - promised)));
      System.out.print(report);
      Files.createDirectories(Path.of("target", "benchmark"));
      Files.writeString(Path.of("target", "benchmark", "promise-burst-" + PROMISES + ".txt"), report);
    }
  }

  static double secs(long nanos) {
    return nanos / 1e9;
  }

  interface Each<T> {
    void run(T item) throws Exception;
  }

  static <T> void parallel(List<T> items, Each<T> each) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> {
          each.run(item);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
