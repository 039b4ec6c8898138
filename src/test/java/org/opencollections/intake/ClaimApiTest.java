package org.opencollections.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Claiming a case: an operator takes it into their own queue, and its tasks are theirs; another operator is
 * refused until the holder releases it or a supervisor reassigns it. Who claimed is in the audit.
 */
@CollectionsTest
class ClaimApiTest {

  @Autowired TestRestTemplate http;

  @Test
  void aClaimedCasesTaskIsTheHoldersUntilReleasedAndASupervisorMayReassignIt() {
    Api admin = new Api(http);
    Api operator = admin.as("operator");
    Api other = admin.as("probe", "probe-secret"); // a second operator (configured in the test context)
    String debt = admin.createDebt("12000.00", admin.dateInDays(-20), "PERSONAL_LOAN");
    JsonNode task = admin.reachNegotiation(debt);

    ResponseEntity<JsonNode> claimed = operator.post("/api/debts/" + debt + "/claim", Map.of());
    assertThat(claimed.getStatusCode().value()).isEqualTo(200);
    assertThat(claimed.getBody().get("assignee").asText()).isEqualTo("operator");
    assertThat(operator.post("/api/debts/" + debt + "/claim", Map.of()).getStatusCode().value())
        .as("claiming one's own case again changes nothing").isEqualTo(200);

    ResponseEntity<JsonNode> taken = other.post("/api/debts/" + debt + "/claim", Map.of());
    assertThat(taken.getStatusCode().value()).isEqualTo(409);
    assertThat(taken.getBody().get("detail").asText()).contains("claimed by operator");
    Map<String, Object> promise =
        Map.of("outcome", "PROMISE_TO_PAY", "promiseAmount", 6000, "promiseDate", admin.dateInDays(5));
    ResponseEntity<JsonNode> notTheirs = other.completeTask(task, promise);
    assertThat(notTheirs.getStatusCode().value()).isEqualTo(409);
    assertThat(notTheirs.getBody().get("detail").asText()).contains("claimed by operator");
    assertThat(other.call(HttpMethod.DELETE, "/api/debts/" + debt + "/claim", null).getStatusCode().value())
        .as("only the holder or a supervisor releases it").isEqualTo(409);

    // the holder releases it, the other operator claims it and completes the task
    assertThat(operator.call(HttpMethod.DELETE, "/api/debts/" + debt + "/claim", null).getStatusCode().value()).isEqualTo(200);
    assertThat(admin.debt(debt).get("assignee").isNull()).isTrue();
    assertThat(other.post("/api/debts/" + debt + "/claim", Map.of()).getBody().get("assignee").asText()).isEqualTo("probe");
    // a supervisor may reassign it and complete its task whoever holds it
    assertThat(admin.as("supervisor").put("/api/debts/" + debt + "/assignee", Map.of("assignee", "operator"))
        .getBody().get("assignee").asText()).isEqualTo("operator");
    assertThat(admin.as("supervisor").completeTask(task, promise).getStatusCode().value()).isEqualTo(200);

    // the timeline names who claimed, released and reassigned
    assertThat(admin.timeline(debt).stream()
            .filter(e -> e.get("type").asText().equals("ASSIGNED")).map(e -> e.get("summary").asText()))
        .containsExactly(
            "Assigned to operator by operator", "Taken out of operator's queue by operator", "Assigned to probe by probe",
            "Assigned to operator (was probe) by supervisor");
  }

  @Test
  void aClosedCaseCannotBeClaimedAndAnUnknownOneIsNotFound() {
    Api admin = new Api(http);
    String debt = admin.createDebt("100.00", admin.dateInDays(-20), "PERSONAL_LOAN");
    admin.awaitTimeline(debt, Api.type("CONTACT"));
    admin.pay(debt, "PAY-" + debt, "100.00");
    admin.awaitStatus(debt, "PAID");
    ResponseEntity<JsonNode> closed = admin.as("operator").post("/api/debts/" + debt + "/claim", Map.of());
    assertThat(closed.getStatusCode().value()).isEqualTo(409);
    assertThat(closed.getBody().get("detail").asText()).contains("closed");
    assertThat(admin.as("operator").post("/api/debts/00000000-0000-0000-0000-000000000000/claim", Map.of())
        .getStatusCode().value()).isEqualTo(404);
  }
}
