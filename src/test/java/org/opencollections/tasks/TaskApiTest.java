package org.opencollections.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencollections.support.Api.type;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

@CollectionsTest
@Order(3)
class TaskApiTest {

  @Autowired TestRestTemplate http;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(http);
  }

  JsonNode negotiationTask(String debt) {
    api.awaitTimeline(debt, type("CONTACT"));
    api.advance("P3D");
    return api.awaitTask(debt, "Task_NegotiateWithDebtor");
  }

  @Test
  void listsTheNegotiationTaskWithItsCaseGroupDueDateAndForm() {
    String debt = api.createDebt("15000.00", api.dateInDays(-20), "PERSONAL_LOAN");
    JsonNode task = negotiationTask(debt);

    assertThat(task.get("name").asText()).isEqualTo("Negotiate with debtor");
    assertThat(task.get("candidateGroup").asText()).isEqualTo("operators");
    assertThat(task.get("formId").asText()).isEqualTo("negotiation-outcome");
    // the work queue's priority of the case: 40 for 15,000, 0.3 × 90 for HIGH_VALUE, 1 for 3 days open
    assertThat(task.get("priority").asInt()).isEqualTo(68);
    JsonNode inQueue =
        java.util.stream.StreamSupport.stream(api.get("/api/debts?stage=NEGOTIATION&size=200").getBody().get("items").spliterator(), false)
            .filter(i -> i.get("id").asText().equals(debt))
            .findFirst()
            .orElseThrow();
    assertThat(inQueue.get("priority").asInt()).isEqualTo(task.get("priority").asInt());
    assertThat(task.get("dueDate").asText()).isNotBlank();
    assertThat(api.timeline(debt)).anyMatch(e -> e.get("summary").asText().equals("Task opened: Negotiate with debtor"));
  }

  @Test
  void refusesAnInvalidNegotiationOutcomeAndKeepsTheTaskOpen() {
    String debt = api.createDebt("15000.00", api.dateInDays(-20), "PERSONAL_LOAN");
    JsonNode task = negotiationTask(debt);

    ResponseEntity<JsonNode> noOutcome = api.completeTask(task, Map.of());
    ResponseEntity<JsonNode> badPromise =
        api.completeTask(task, Map.of("outcome", "PROMISE_TO_PAY", "promiseAmount", -1, "promiseDate", api.dateInDays(-3)));
    ResponseEntity<JsonNode> unknown = api.completeTask(task, Map.of("outcome", "MAYBE_LATER"));
    ResponseEntity<JsonNode> tooBigSettlement =
        api.completeTask(task, Map.of("outcome", "SETTLEMENT", "settlementAmount", 20000, "settlementDueDate", api.dateInDays(3)));

    assertThat(noOutcome.getStatusCode().value()).isEqualTo(400);
    assertThat(noOutcome.getBody().get("errors").has("outcome")).isTrue();
    assertThat(badPromise.getStatusCode().value()).isEqualTo(400);
    assertThat(badPromise.getBody().get("errors").fieldNames()).toIterable().contains("promiseAmount", "promiseDate");
    assertThat(unknown.getStatusCode().value()).isEqualTo(400);
    assertThat(tooBigSettlement.getBody().get("errors").get("settlementAmount").asText()).contains("less than the balance");
    // a plan the debtor cannot afford: 900 every 14 days is ~1,928.57 a month, 1,500 is left after expenses
    ResponseEntity<JsonNode> unaffordable =
        api.completeTask(task, Map.of("outcome", "PAYMENT_PLAN", "planInstalmentAmount", 900, "planInstalmentCount", 10,
            "planFirstDueDate", api.dateInDays(3), "planIntervalDays", 14,
            "declaredMonthlyIncome", 3200, "declaredMonthlyExpenses", 1700));
    assertThat(unaffordable.getStatusCode().value()).isEqualTo(400);
    assertThat(unaffordable.getBody().get("errors").get("planInstalmentAmount").asText())
        .contains("1928.57").contains("1500");
    ResponseEntity<JsonNode> noBudget =
        api.completeTask(task, Map.of("outcome", "PAYMENT_PLAN", "planInstalmentAmount", 100, "planInstalmentCount", 10,
            "planFirstDueDate", api.dateInDays(3)));
    assertThat(noBudget.getBody().get("errors").fieldNames()).toIterable()
        .contains("declaredMonthlyIncome", "declaredMonthlyExpenses");
    // beyond what the ledger can hold, more than is owed, or a variable the form does not have
    ResponseEntity<JsonNode> astronomical =
        api.postRaw("/api/tasks/" + task.get("id").asLong() + "/complete", "application/json",
            "{\"outcome\":\"PROMISE_TO_PAY\",\"promiseAmount\":1e400,\"promiseDate\":\"" + api.dateInDays(3) + "\"}");
    assertThat(astronomical.getStatusCode().value()).as(String.valueOf(astronomical.getBody())).isEqualTo(400);
    assertThat(astronomical.getBody().get("errors").get("promiseAmount").asText()).contains("less than");
    ResponseEntity<JsonNode> moreThanOwed =
        api.completeTask(task, Map.of("outcome", "PROMISE_TO_PAY", "promiseAmount", 15000.01, "promiseDate", api.dateInDays(3)));
    assertThat(moreThanOwed.getBody().get("errors").get("promiseAmount").asText()).contains("balance of 15000.00");
    ResponseEntity<JsonNode> smuggled =
        api.completeTask(task, Map.of("outcome", "NO_CONTACT", "segment", "LOW_RISK"));
    assertThat(smuggled.getStatusCode().value()).isEqualTo(400);
    assertThat(smuggled.getBody().get("errors").get("segment").asText()).contains("not a field of the form");
    assertThat(api.awaitTask(debt, "Task_NegotiateWithDebtor").get("id")).isEqualTo(task.get("id"));
  }

  @Test
  void aTaskIsCompletedOnceAndUnknownTasksAre404() {
    String debt = api.createDebt("15000.00", api.dateInDays(-20), "PERSONAL_LOAN");
    JsonNode task = negotiationTask(debt);

    assertThat(api.completeTask(task, Map.of("outcome", "NO_CONTACT")).getStatusCode().value()).isEqualTo(200);
    assertThat(api.completeTask(task, Map.of("outcome", "NO_CONTACT")).getStatusCode().value()).isEqualTo(404);
    assertThat(api.post("/api/tasks/123/complete", Map.of()).getStatusCode().value()).isEqualTo(404);
    JsonNode completed = api.awaitTimeline(debt, type("TASK_COMPLETED"));
    assertThat(completed.get("details").get("outcome").asText()).isEqualTo("NO_CONTACT");
    // who did it: the user who completed it through the API
    assertThat(completed.get("details").get("completedBy").asText()).isEqualTo("admin");
    assertThat(completed.get("summary").asText()).endsWith("by admin");
  }

  @Test
  void theSimulatedClockRefusesToGoBackwards() {
    ResponseEntity<JsonNode> back = api.post("/api/simulation/clock", Map.of("advance", "-P1D"));
    ResponseEntity<JsonNode> garbage = api.post("/api/simulation/clock", Map.of("advance", "tomorrow"));

    assertThat(back.getStatusCode().value()).isEqualTo(400);
    assertThat(garbage.getStatusCode().value()).isEqualTo(400);
    assertThat(garbage.getBody().get("errors").has("advance")).isTrue();
  }
}
