package org.opencollections.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

@CollectionsTest
class WorkQueueApiTest {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;

  @SuppressWarnings("unchecked")
  static Map<String, Object> owedBy(Map<String, Object> request, String customer) {
    Map<String, Object> r = new HashMap<>(request);
    Map<String, Object> debtor = new HashMap<>((Map<String, Object>) r.get("debtor"));
    debtor.put("externalRef", customer);
    r.put("debtor", debtor);
    return r;
  }

  @Test
  void aDebtorOwingSeveralDebtsShowsThemAll() {
    Api api = new Api(http);
    String customer = "CUST-" + UUID.randomUUID();
    String first = api.createDebt(owedBy(Api.debtRequest("900.00", api.dateInDays(-30), "CREDIT_CARD"), customer));
    String second = api.createDebt(owedBy(Api.debtRequest("150.00", api.dateInDays(-10), "PERSONAL_LOAN"), customer));
    String debtor = api.debt(first).get("debtorId").asText();
    assertThat(api.debt(second).get("debtorId").asText()).isEqualTo(debtor);

    JsonNode view = api.as("operator").get("/api/debtors/" + debtor).getBody();
    assertThat(view.get("externalRef").asText()).isEqualTo(customer);
    List<String> debts = new ArrayList<>();
    view.get("debts").forEach(d -> debts.add(d.get("id").asText()));
    assertThat(debts).containsExactlyInAnyOrder(first, second);
  }

  @Test
  void theQueueFiltersAndPutsLargeRiskyAndOldDebtsFirst() {
    Api api = new Api(http);
    String assignee = "op-" + UUID.randomUUID().toString().substring(0, 8);
    String small = api.createDebt("60.00", api.dateInDays(-20), "PERSONAL_LOAN");
    String large = api.createDebt("25000.00", api.dateInDays(-20), "PERSONAL_LOAN");
    String oldSmall = api.createDebt("61.00", api.dateInDays(-20), "PERSONAL_LOAN");
    // the old small debt has waited 120 days: age lifts it above a fresh large one
    jdbc.update("update debt set created_at = created_at - interval '120 days' where id = ?", UUID.fromString(oldSmall));
    for (String debt : List.of(small, large, oldSmall)) {
      assertThat(api.put("/api/debts/" + debt + "/assignee", Map.of("assignee", assignee)).getStatusCode().value()).isEqualTo(200);
    }

    JsonNode page = api.as("operator").get("/api/debts?assignee=" + assignee + "&size=2").getBody();
    assertThat(page.get("total").asLong()).isEqualTo(3);
    assertThat(page.get("items")).hasSize(2);
    List<String> order = new ArrayList<>();
    page.get("items").forEach(i -> order.add(i.get("id").asText()));
    assertThat(order).containsExactly(oldSmall, large);
    JsonNode rest = api.get("/api/debts?assignee=" + assignee + "&size=2&page=1").getBody();
    assertThat(rest.get("items").get(0).get("id").asText()).isEqualTo(small);

    JsonNode bigOnly = api.get("/api/debts?assignee=" + assignee + "&minBalance=1000").getBody();
    assertThat(bigOnly.get("total").asLong()).isEqualTo(1);
    assertThat(bigOnly.get("items").get(0).get("balance").asText()).isEqualTo("25000.00");
    assertThat(api.get("/api/debts?assignee=" + assignee + "&status=PAID").getBody().get("total").asLong()).isZero();
    assertThat(api.get("/api/debts?size=500").getStatusCode().value()).isEqualTo(400);
    assertThat(api.get("/api/debts?stage=NOWHERE").getStatusCode().value()).isEqualTo(400);
  }

  @Test
  void everyChangeIsAuditedWithWhoBeforeAndAfter() {
    Api api = new Api(http);
    String debt = api.createDebt("700.00", api.dateInDays(-20), "PERSONAL_LOAN");
    api.as("supervisor").put("/api/debts/" + debt + "/assignee", Map.of("assignee", "olivia"));
    api.awaitTimeline(debt, Api.type("STAGE_CHANGED"));

    List<JsonNode> audit = new ArrayList<>();
    api.as("compliance").get("/api/audit?debtId=" + debt).getBody().forEach(audit::add);
    JsonNode assignment =
        audit.stream()
            .filter(a -> a.get("details").get("action").asText().equals("CHANGED") && a.get("details").get("after").has("assignee"))
            .findFirst().orElseThrow();
    assertThat(assignment.get("details").get("actor").asText()).isEqualTo("supervisor");
    assertThat(assignment.get("details").get("before").get("assignee").isNull()).isTrue();
    assertThat(assignment.get("details").get("after").get("assignee").asText()).isEqualTo("olivia");
    // the creation by the administrator and the stage changes by the process are on record too
    assertThat(audit).anySatisfy(a -> {
      assertThat(a.get("details").get("action").asText()).isEqualTo("CREATED");
      assertThat(a.get("details").get("actor").asText()).isEqualTo("admin");
    });
    assertThat(audit).anySatisfy(a -> {
      assertThat(a.get("details").get("after").has("stage")).isTrue();
      assertThat(a.get("details").get("actor").asText()).isEqualTo("process");
    });
    // and the timeline shows them
    assertThat(api.count(debt, Api.type("AUDIT"))).isEqualTo(audit.size());
    assertThat(api.as("operator").get("/api/audit?debtId=" + debt).getStatusCode().value()).isEqualTo(403);
  }
}
