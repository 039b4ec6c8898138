package org.opencollections.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencollections.support.Api.type;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencollections.engine.embedded.EmbeddedEngine;
import org.opencollections.support.Api;
import org.opencollections.support.Apps;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The embedded engine keeps its state on disk: after a restart on the same data directory every open
 * instance goes on where it was (its timers, message subscriptions and user tasks), and nothing is created
 * again. Only when the engine's data is gone are the cases started again at the stage they had reached.
 */
class RestartTest {

  @TempDir Path data;

  record Cases(String negotiating, String monitoring, String paid, String disputed, String disputeHold, String reminding) {
    List<String> all() {
      return List.of(negotiating, monitoring, paid, disputed, reminding);
    }
  }

  /** Cases in every kind of wait: a user task, a promise's timer, a hold, a reminder timer; one closed. */
  static Cases openCasesOfEveryKind(Api api) {
    String negotiating = api.createDebt("12000.00", api.dateInDays(-20), "PERSONAL_LOAN");
    String monitoring = api.createDebt("12000.00", api.dateInDays(-20), "PERSONAL_LOAN");
    String paid = api.createDebt("12000.00", api.dateInDays(-20), "PERSONAL_LOAN");
    String disputed = api.createDebt("12000.00", api.dateInDays(-20), "PERSONAL_LOAN");
    for (String debt : new String[] {negotiating, monitoring, paid, disputed}) {
      api.awaitTimeline(debt, type("CONTACT")); // each reminder interval starts once its reminder is out
    }
    api.advance("P3D");
    api.awaitTask(negotiating, "Task_NegotiateWithDebtor");
    api.completeTaskOk(
        monitoring, "Task_NegotiateWithDebtor",
        Map.of("outcome", "PROMISE_TO_PAY", "promiseAmount", 5000, "promiseDate", api.dateInDays(5)));
    api.awaitStage(monitoring, "MONITORING");
    api.pay(paid, "PAY-" + UUID.randomUUID(), "12000.00");
    api.awaitStatus(paid, "PAID");
    String reminding = api.createDebt("1500.00", api.dateInDays(-20), "PERSONAL_LOAN");
    api.awaitTimeline(reminding, type("CONTACT"));
    api.awaitStage(reminding, "SOFT_REMINDER");
    String disputeHold =
        "/api/debts/" + disputed + "/holds/"
            + api.post("/api/debts/" + disputed + "/holds", Map.of("kind", "DISPUTE")).getBody().get("id").asText();
    api.awaitStage(disputed, "ON_HOLD");
    return new Cases(negotiating, monitoring, paid, disputed, disputeHold, reminding);
  }

  /** What a restart must not change, and what must still happen, on the same engine or a recovered one. */
  static void everyOpenInstanceGoesOn(Api api, Cases cases) {
    assertThat(api.debt(cases.paid()).get("status").asText()).isEqualTo("PAID");
    assertThat(api.debt(cases.monitoring()).get("stage").asText()).isEqualTo("MONITORING");
    assertThat(api.count(cases.reminding(), type("CONTACT"))).as("the first reminder is not sent again").isEqualTo(1);

    // the user task completes
    api.completeTaskOk(
        cases.negotiating(), "Task_NegotiateWithDebtor",
        Map.of("outcome", "PROMISE_TO_PAY", "promiseAmount", 2000, "promiseDate", api.dateInDays(5)));
    api.awaitStage(cases.negotiating(), "MONITORING");
    // a payment message correlates with the waiting instance, and the promise's timer fires
    assertThat(api.pay(cases.monitoring(), "PAY-" + UUID.randomUUID(), "5000.00").getStatusCode().value()).isEqualTo(201);
    api.advance("P10D");
    api.awaitTimeline(cases.monitoring(), type("INSTALMENT_PAID"));
    // the reminder timer fires
    await().atMost(Api.PATIENCE).until(() -> api.count(cases.reminding(), type("CONTACT")) == 2);
    // the case on hold still waits for its release, then negotiation resumes
    assertThat(api.debt(cases.disputed()).get("stage").asText()).isEqualTo("ON_HOLD");
    assertThat(api.post(cases.disputeHold() + "/verification", Map.of()).getStatusCode().value()).isEqualTo(200);
    api.awaitTask(cases.disputed(), "Task_NegotiateWithDebtor");
  }

  @Test
  void afterACleanStopEveryOpenInstanceGoesOnOnTheSameEngine() {
    Cases cases;
    Map<String, Long> instances = new HashMap<>();
    long taskKey;
    try (ConfigurableApplicationContext first = Apps.startHere(data)) {
      Api api = Apps.api(first);
      cases = openCasesOfEveryKind(api);
      for (String debt : cases.all()) {
        instances.put(debt, api.debt(debt).get("processInstanceKey").asLong());
      }
      taskKey = api.awaitTask(cases.negotiating(), "Task_NegotiateWithDebtor").get("id").asLong();
    }

    try (ConfigurableApplicationContext second = Apps.startHere(data)) {
      Api api = Apps.api(second);
      assertThat(api.awaitTask(cases.negotiating(), "Task_NegotiateWithDebtor").get("id").asLong())
          .as("the same user task").isEqualTo(taskKey);
      for (String debt : cases.all()) {
        assertThat(api.debt(debt).get("processInstanceKey").asLong()).as("instance of " + debt).isEqualTo(instances.get(debt));
        assertThat(api.count(debt, type("CASE_RESUMED"))).as("nothing is re-created").isZero();
      }
      everyOpenInstanceGoesOn(api, cases);
      Map<String, Integer> perDebt = Apps.instancesPerDebt(second.getBean(EmbeddedEngine.class));
      for (String debt : cases.all()) {
        assertThat(perDebt.get(debt)).as("process instances of " + debt).isEqualTo(1);
      }
    }
  }

  @Test
  void whenTheEngineDataIsDeletedTheOpenCasesStartAgainAtTheirStage() {
    Cases cases;
    long oldInstance;
    try (ConfigurableApplicationContext first = Apps.startHere(data)) {
      Api api = Apps.api(first);
      cases = openCasesOfEveryKind(api);
      oldInstance = api.debt(cases.negotiating()).get("processInstanceKey").asLong();
    }
    FileSystemUtils.deleteRecursively(data.resolve("engine").toFile());

    try (ConfigurableApplicationContext second = Apps.startHere(data)) {
      Api api = Apps.api(second);
      JsonNode task = api.awaitTask(cases.negotiating(), "Task_NegotiateWithDebtor");
      assertThat(task.get("debtId").asText()).isEqualTo(cases.negotiating());
      for (String debt : List.of(cases.negotiating(), cases.monitoring(), cases.disputed(), cases.reminding())) {
        assertThat(api.count(debt, type("CASE_RESUMED"))).as("re-created once: " + debt).isEqualTo(1);
      }
      assertThat(api.count(cases.paid(), type("CASE_RESUMED"))).as("closed cases are not resumed").isZero();
      assertThat(api.debt(cases.negotiating()).get("processInstanceKey").asLong()).isNotEqualTo(oldInstance);
      everyOpenInstanceGoesOn(api, cases);
    }
  }
}
