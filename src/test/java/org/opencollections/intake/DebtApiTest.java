package org.opencollections.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
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
@Order(1)
class DebtApiTest {

  @Autowired TestRestTemplate http;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(http);
  }

  @Test
  void createsADebtAndShowsItsCase() {
    Map<String, Object> request = Api.debtRequest("1250.50", api.dateInDays(-20), "CREDIT_CARD");
    ResponseEntity<JsonNode> created = api.post("/api/debts", request);

    assertThat(created.getStatusCode().value()).isEqualTo(201);
    JsonNode debt = created.getBody();
    String id = debt.get("id").asText();
    assertThat(created.getHeaders().getLocation()).hasToString("/api/debts/" + id);
    assertThat(debt.get("externalRef").asText()).isEqualTo(request.get("externalRef"));
    assertThat(debt.get("balance").isTextual()).as("money is a decimal string on the way out").isTrue();
    assertThat(debt.get("balance").asText()).isEqualTo("1250.50");
    assertThat(debt.get("currency").asText()).isEqualTo("USD");
    assertThat(debt.get("status").asText()).isEqualTo("OPEN");
    assertThat(debt.get("daysPastDue").asLong()).isPositive();

    JsonNode fetched = api.awaitStage(id, "SOFT_REMINDER");
    assertThat(fetched.get("segment").asText()).isEqualTo("STANDARD");
    assertThat(api.timeline(id)).extracting(e -> e.get("type").asText()).startsWith("CASE_OPENED");
  }

  @Test
  void refusesBadInputWithOneMessagePerField() {
    Map<String, Object> request = new HashMap<>(Api.debtRequest("-5", api.dateInDays(-20), "CREDIT_CARD"));
    request.put("currency", "usd");
    request.put("debtor", Map.of("name", "", "timeZone", "Mars/Olympus", "jurisdiction", "New York"));

    ResponseEntity<JsonNode> refused = api.post("/api/debts", request);

    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    JsonNode errors = refused.getBody().get("errors");
    assertThat(errors.fieldNames()).toIterable()
        .contains("principal", "currency", "debtor.name", "debtor.jurisdiction");
  }

  @Test
  void refusesUnknownZoneCurrencyAndTooManyDecimals() {
    Map<String, Object> request = new HashMap<>(Api.debtRequest("10.99999", api.dateInDays(-20), "CREDIT_CARD"));
    request.put("currency", "XYZ");
    request.put("debtor", Map.of("name", "Dana", "timeZone", "Mars/Olympus", "jurisdiction", "US-NY"));

    ResponseEntity<JsonNode> refused = api.post("/api/debts", request);

    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    JsonNode errors = refused.getBody().get("errors");
    assertThat(errors.get("currency").asText()).contains("ISO 4217");
    assertThat(errors.get("debtor.timeZone").asText()).contains("IANA");
    assertThat(errors.get("principal").asText()).contains("no more decimals than its currency has");
  }

  @Test
  void theDecimalsAllowedAreTheCurrencysAndTheDueDateIsACalendarDate() {
    ResponseEntity<JsonNode> usd = api.post("/api/debts", Api.debtRequest("10.999", api.dateInDays(-20), "CREDIT_CARD"));
    assertThat(usd.getStatusCode().value()).isEqualTo(400);
    assertThat(usd.getBody().get("errors").get("principal").asText()).contains("has more decimals than USD allows");

    Map<String, Object> kwd = new HashMap<>(Api.debtRequest("10.500", api.dateInDays(-20), "CREDIT_CARD"));
    kwd.put("currency", "KWD");
    assertThat(api.post("/api/debts", kwd).getStatusCode().value()).isEqualTo(201);

    ResponseEntity<JsonNode> farFuture = api.post("/api/debts", Api.debtRequest("10.00", "+10000-01-01", "CREDIT_CARD"));
    assertThat(farFuture.getStatusCode().value()).isEqualTo(400);
    assertThat(farFuture.getBody().get("errors").get("dueDate").asText()).contains("9999-12-31");
  }

  @Test
  void refusesADuplicateExternalReferenceAndKeepsTheFirst() {
    Map<String, Object> request = Api.debtRequest("300.00", api.dateInDays(-20), "PERSONAL_LOAN");
    assertThat(api.post("/api/debts", request).getStatusCode().value()).isEqualTo(201);

    ResponseEntity<JsonNode> again = api.post("/api/debts", request);

    assertThat(again.getStatusCode().value()).isEqualTo(400);
    assertThat(again.getBody().get("errors").get("externalRef").asText()).contains("already exists");
  }

  @Test
  void refusesAMalformedDateAndUnknownFields() {
    Map<String, Object> request = new HashMap<>(Api.debtRequest("300.00", "15/01/2026", "PERSONAL_LOAN"));
    ResponseEntity<JsonNode> badDate = api.post("/api/debts", request);
    assertThat(badDate.getStatusCode().value()).isEqualTo(400);
    assertThat(badDate.getBody().get("errors").get("dueDate").asText()).contains("15/01/2026");

    request.put("dueDate", api.dateInDays(-20));
    request.put("balance", "1");
    ResponseEntity<JsonNode> unknown = api.post("/api/debts", request);
    assertThat(unknown.getStatusCode().value()).isEqualTo(400);
    assertThat(unknown.getBody().get("errors").has("balance")).isTrue();
  }

  @Test
  void answers404ForAnUnknownDebt() {
    assertThat(api.get("/api/debts/00000000-0000-0000-0000-000000000000").getStatusCode().value()).isEqualTo(404);
    assertThat(api.get("/api/debts/not-a-uuid").getStatusCode().value()).isEqualTo(400);
  }
}
