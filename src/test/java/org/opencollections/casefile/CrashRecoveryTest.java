package org.opencollections.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.protocol.record.value.TimerRecordValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencollections.engine.embedded.EmbeddedEngine;
import org.opencollections.support.Api;
import org.opencollections.support.AppProcess;
import org.opencollections.support.Apps;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * kill -9 of a real application process (no shutdown hook, no last snapshot, its PostgreSQL left running),
 * then a restart on the same data: nothing confirmed is lost, nothing is done twice, nothing is re-created.
 */
class CrashRecoveryTest {

  private static final Duration START = Duration.ofMinutes(3);

  @TempDir Path data;

  AppProcess startProcess(String name) {
    return AppProcess.start(Path.of("target", "crash-test", name + "-" + UUID.randomUUID() + ".log"), Apps.args(data), START);
  }

  @Test
  void aCrashDuringAnImportLeavesEveryImportedDebtWithExactlyOneInstance() {
    int rows = 2000;
    StringBuilder csv = new StringBuilder("externalRef,debtor.name,debtor.email,debtor.timeZone,debtor.jurisdiction,principal,currency,dueDate,product\n");
    String batch = UUID.randomUUID().toString().substring(0, 8);
    for (int i = 1; i <= rows; i++) {
      csv.append("CRASH-").append(batch).append('-').append(i).append(",Debtor ").append(i).append(",d").append(i)
          .append("@example.org,America/New_York,US-NY,").append(1000 + i).append(".00,USD,2027-02-01,PERSONAL_LOAN\n");
    }
    String importId;
    int startedBeforeCrash;
    try (AppProcess first = startProcess("import")) {
      Api api = first.api();
      ResponseEntity<JsonNode> accepted = api.postRaw("/api/portfolio/imports", "text/csv", csv.toString());
      assertThat(accepted.getStatusCode().value()).isEqualTo(202);
      importId = accepted.getBody().get("id").asText();
      JsonNode progress =
          await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
              .until(() -> api.get("/api/portfolio/imports/" + importId + "?size=1").getBody(),
                  p -> p.get("casesStarted").asInt() >= 200);
      first.kill(); // in the middle of starting the import's cases
      startedBeforeCrash = progress.get("casesStarted").asInt();
    }
    assertThat(startedBeforeCrash).as("the crash came while cases were being started").isLessThan(rows);

    try (ConfigurableApplicationContext second = Apps.startHere(data)) {
      Api api = Apps.api(second);
      JsonNode done =
          await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
              .until(() -> api.get("/api/portfolio/imports/" + importId + "?size=1").getBody(),
                  p -> "COMPLETED".equals(p.get("state").asText()));
      assertThat(done.get("imported").asInt()).isEqualTo(rows);
      assertThat(done.get("casesStarted").asInt()).isEqualTo(rows);
      JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
      List<String> debts = jdbc.queryForList(
          "select id::text from debt where import_id = ?::uuid", String.class, importId);
      assertThat(debts).hasSize(rows);
      Map<String, Integer> perDebt = Apps.instancesPerDebt(second.getBean(EmbeddedEngine.class));
      List<String> notOnce = new ArrayList<>();
      for (String debt : debts) {
        if (perDebt.getOrDefault(debt, 0) != 1) {
          notOnce.add(debt + ": " + perDebt.getOrDefault(debt, 0));
        }
      }
      assertThat(notOnce).as("debts without exactly one process instance").isEmpty();
      assertThat(jdbc.queryForObject("select count(*) from case_event where type = 'CASE_RESUMED'", Long.class))
          .as("no case is re-created after a crash").isZero();
    }
  }

  @Test
  void aCrashDuringCaseWorkLosesNothingAndDoesNothingTwice() {
    RestartTest.Cases cases;
    List<String> fresh = new ArrayList<>();
    String paidJustBeforeTheCrash;
    try (AppProcess first = startProcess("work")) {
      Api api = first.api();
      cases = RestartTest.openCasesOfEveryKind(api);
      paidJustBeforeTheCrash = api.createDebt("800.00", api.dateInDays(-20), "PERSONAL_LOAN");
      for (int i = 0; i < 40; i++) {
        fresh.add(api.createDebt("1500.00", api.dateInDays(-20), "PERSONAL_LOAN")); // their first steps under way
      }
      assertThat(api.pay(paidJustBeforeTheCrash, "PAY-" + UUID.randomUUID(), "800.00").getStatusCode().value())
          .isEqualTo(201);
      first.kill(); // at once after the payment was confirmed, while the new cases are being worked
    }

    try (ConfigurableApplicationContext second = Apps.startHere(data)) {
      Api api = Apps.api(second);
      JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
      api.awaitStatus(paidJustBeforeTheCrash, "PAID"); // the confirmed payment and its message survived
      // a job the killed application had taken is offered again when its timeout (a minute) has passed
      for (String debt : fresh) {
        await().atMost(Duration.ofMinutes(3)).until(() -> api.debt(debt).get("stage").asText(), "SOFT_REMINDER"::equals);
        await().atMost(Duration.ofMinutes(3)).until(() -> reminders(jdbc, debt) >= 1);
        assertThat(reminders(jdbc, debt)).as("first reminder of " + debt + " sent once").isEqualTo(1);
      }
      // and each case waits at its reminder interval (a reminder whose completion the crash cut off is done again,
      // idempotently, before its timer starts): only then may the clock move
      EmbeddedEngine engine = second.getBean(EmbeddedEngine.class);
      await().atMost(Duration.ofMinutes(3)).until(() -> {
        Set<Long> waiting = timersAt(engine, "Event_ReminderIntervalElapsed");
        return fresh.stream().allMatch(d -> waiting.contains(api.debt(d).get("processInstanceKey").asLong()));
      });
      everyOpenInstanceGoesOn(api, cases); // moves the clock 10 days: each fresh case's second reminder is due
      for (String debt : fresh) {
        try {
          await().atMost(Api.PATIENCE).until(() -> reminders(jdbc, debt) >= 2);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          throw new AssertionError("No second reminder for " + debt + "; its timeline: "
              + api.timeline(debt).stream().map(t -> t.get("occurredAt").asText() + " " + t.get("type").asText() + " " + t.get("summary").asText()).toList(), e);
        }
      }
      for (String debt : fresh) {
        assertThat(reminders(jdbc, debt)).as("each reminder of " + debt + " sent once").isEqualTo(2);
      }
      Map<String, Integer> perDebt = Apps.instancesPerDebt(second.getBean(EmbeddedEngine.class));
      List<String> all = new ArrayList<>(fresh);
      all.addAll(cases.all());
      all.add(paidJustBeforeTheCrash);
      for (String debt : all) {
        assertThat(perDebt.get(debt)).as("process instances of " + debt).isEqualTo(1);
      }
      assertThat(jdbc.queryForObject("select count(*) from case_event where type = 'CASE_RESUMED'", Long.class))
          .as("no case is re-created after a crash").isZero();
      assertThat(jdbc.queryForObject(
              "select count(*) from posting where kind = 'PAYMENT' and debt_id = ?::uuid", Long.class, paidJustBeforeTheCrash))
          .isEqualTo(1);
    }
  }

  private static void everyOpenInstanceGoesOn(Api api, RestartTest.Cases cases) {
    RestartTest.everyOpenInstanceGoesOn(api, cases);
  }

  /** The process instances with a timer created at this element. */
  private static Set<Long> timersAt(EmbeddedEngine engine, String elementId) {
    Set<Long> instances = new HashSet<>();
    engine.readRecords(0, Set.of(ValueType.TIMER), r -> {
      TimerRecordValue timer = (TimerRecordValue) r.getValue();
      if (r.getIntent() == TimerIntent.CREATED && elementId.equals(timer.getTargetElementId())) {
        instances.add(timer.getProcessInstanceKey());
      }
    });
    return instances;
  }

  private static long reminders(JdbcTemplate jdbc, String debt) {
    Long n = jdbc.queryForObject(
        "select count(*) from contact_message where debt_id = ?::uuid and template = 'soft-reminder'", Long.class, debt);
    return n == null ? 0 : n;
  }
}
