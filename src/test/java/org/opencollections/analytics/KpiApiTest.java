package org.opencollections.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencollections.support.Api.type;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.opencollections.workbench.Session;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/**
 * The KPIs of a small portfolio built through the API, every figure computed by hand below. The debts carry a
 * product code of their own, so the product filter keeps every other test's debts out of the figures.
 *
 * <p>Day D0 is the UTC day after the simulated clock's day when the test starts; all times are UTC, T(d, h)
 * is D0 + d days at h:00. The period is [D1, D6) with D1 = D0 + 1 (from T(1,0) to T(6,0)). Contacts at 15:00
 * and 16:00 UTC are lawful in New York (10:00 or 11:00 there). The debts, registered at T(0,15) with their
 * due dates counted back from D1 (days past due at the start, and at the end five days later):
 * <pre>
 *   A  2,000.00 USD  D1-28  STANDARD     28 →  33: rolls forward from 0-30 to 31-60
 *   B  3,000.00 USD  D1-10  STANDARD     10 →  15: pays 500.00 at T(0,15), before the period
 *   C  2,000.00 USD  D1-40  STANDARD     40: pays 2,000.00 in full at T(2,15): cured, never spoken to
 *   H1 12,000.00 USD D1-25  HIGH_VALUE   25 →  30: a conversation and a promise of 5,000.00 due D0+4, kept
 *   H2 15,000.00 USD D1-65  HIGH_VALUE   65 →  70: a conversation and a promise due D0+30 (after the period)
 *   H3 11,000.00 USD D1-5   HIGH_VALUE    5 →  10: its negotiation task (due two days after it opens) left open
 *   E  1,500.00 EUR  D1-100 LATE_STAGE  100 → 105: pays 300.00 EUR at T(2,15)
 * </pre>
 * The process sends each debt its first reminder at T(0,15), before the period; the high-value cases reach
 * negotiation three days after it (at T(3,16), when the clock gets there), the late-stage one five days after
 * (T(5,18)); the standard cases' second reminder (seven days after the first) is after the period.
 */
@CollectionsTest
class KpiApiTest {

  @LocalServerPort int port;
  @Autowired TestRestTemplate rest;

  private Api api;
  private LocalDate d0;

  @Test
  void everyKpiOfAHandBuiltPortfolioIsTheHandComputedFigure() {
    api = new Api(rest);
    String product = "KPI_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    Instant now = Instant.parse(api.get("/api/simulation/clock").getBody().get("now").asText());
    d0 = now.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1);
    LocalDate d1 = d0.plusDays(1);
    moveClockTo(0, 15);

    String a = debt("2000.00", "USD", d1.minusDays(28), product);
    String b = debt("3000.00", "USD", d1.minusDays(10), product);
    String c = debt("2000.00", "USD", d1.minusDays(40), product);
    String h1 = debt("12000.00", "USD", d1.minusDays(25), product);
    String h2 = debt("15000.00", "USD", d1.minusDays(65), product);
    String h3 = debt("11000.00", "USD", d1.minusDays(5), product);
    String e = debt("1500.00", "EUR", d1.minusDays(100), product);
    for (String debt : List.of(a, b, c, h1, h2, h3, e)) {
      api.awaitTimeline(debt, type("CONTACT")); // the first reminder, before the period
    }
    // what the segmentation table made of them: the figures by segment below rely on it
    assertThat(List.of(a, b, c, h1, h2, h3, e).stream().map(d -> api.debt(d).get("segment").asText()).toList())
        .containsExactly("STANDARD", "STANDARD", "STANDARD", "HIGH_VALUE", "HIGH_VALUE", "HIGH_VALUE", "LATE_STAGE");
    pay(b, "500.00", "USD");

    moveClockTo(2, 15);
    pay(c, "2000.00", "USD");
    api.awaitStatus(c, "PAID");
    pay(e, "300.00", "EUR");
    assertThat(contact(b, "CALL", "NO_ANSWER").get("status").asText()).isEqualTo("MADE");
    String debtorB = api.debt(b).get("debtorId").asText();
    assertThat(api.put("/api/debtors/" + debtorB + "/contact-preferences",
        Map.of("ceaseCommunication", false, "blockedChannels", List.of("SMS"))).getStatusCode().value()).isEqualTo(200);
    JsonNode sms = contact(b, "SMS", "SENT");
    assertThat(sms.get("status").asText()).isEqualTo("BLOCKED");
    assertThat(sms.get("rule").asText()).isEqualTo("CHANNEL_BLOCKED");

    moveClockTo(3, 16);
    for (String debt : List.of(h1, h2, h3)) {
      api.awaitTask(debt, "Task_NegotiateWithDebtor");
    }
    assertThat(contact(h1, "CALL", "CONVERSATION").get("status").asText()).isEqualTo("MADE");
    api.completeTaskOk(h1, "Task_NegotiateWithDebtor", Map.of(
        "outcome", "PROMISE_TO_PAY", "promiseAmount", "5000.00", "promiseDate", d0.plusDays(4).toString(), "promiseGraceDays", 0));
    api.awaitStage(h1, "MONITORING");
    pay(h1, "5000.00", "USD");
    JsonNode again = contact(h1, "CALL", "CONVERSATION");
    assertThat(again.get("status").asText()).isEqualTo("DEFERRED");
    assertThat(again.get("rule").asText()).isEqualTo("CALL_AFTER_CONVERSATION");
    assertThat(contact(h2, "CALL", "CONVERSATION").get("status").asText()).isEqualTo("MADE");
    api.completeTaskOk(h2, "Task_NegotiateWithDebtor", Map.of(
        "outcome", "PROMISE_TO_PAY", "promiseAmount", "6000.00", "promiseDate", d0.plusDays(30).toString()));
    api.awaitStage(h2, "MONITORING");

    // H1's promise is checked at the start of D0+5 in New York (no grace days): kept, back to negotiation
    moveClockTo(5, 18);
    api.awaitTimeline(h1, type("INSTALMENT_PAID"));
    api.awaitStage(h1, "NEGOTIATION");
    api.awaitStage(e, "NEGOTIATION");
    moveClockTo(6, 1); // the period has ended

    String query = "/api/analytics/kpis?from=" + d1 + "&to=" + d0.plusDays(6) + "&product=" + product;
    ResponseEntity<JsonNode> answer = api.as("supervisor").get(query);
    assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
    JsonNode k = answer.getBody();

    // Roll rates. Open with a balance at the start: A, B, C, H1, H3 (0-30: 28, 10, 25, 5 days), C (31-60: 40),
    // H2 (61-90: 65), E (91-120: 100). At the end: A 33 (31-60), B 15, H1 30, H3 10 (0-30), C cured, H2 70, E 105.
    JsonNode rows = k.at("/rollRates/rows");
    assertRow(rows.get("0-30"), 4, Map.of("0-30", 3L, "31-60", 1L));
    assertRate(rows.get("0-30").get("forwardRoll"), "0.2500", 1, 4);
    assertRate(rows.get("0-30").get("cured"), "0.0000", 0, 4);
    assertRow(rows.get("31-60"), 1, Map.of("CURED", 1L));
    assertRate(rows.get("31-60").get("forwardRoll"), "0.0000", 0, 1);
    assertRate(rows.get("31-60").get("cured"), "1.0000", 1, 1);
    assertRow(rows.get("61-90"), 1, Map.of("61-90", 1L));
    assertRow(rows.get("91-120"), 1, Map.of("91-120", 1L));
    assertRow(rows.get("121-180"), 0, Map.of());
    assertRow(rows.get("181+"), 0, Map.of());
    assertRate(rows.get("181+").get("forwardRoll"), null, 0, 0);

    // Cures: C of the 7, and C never had a conversation or a commitment: a self-cure.
    assertThat(k.at("/cures/debtsAtStart").asLong()).isEqualTo(7);
    assertRate(k.at("/cures/cureRate"), "0.1429", 1, 7);
    assertRate(k.at("/cures/selfCureRate"), "0.1429", 1, 7);

    // Contacts in the period: B's call (no answer, made), B's SMS (blocked: channel blocked), H1's call
    // (conversation), H1's second call (deferred: too soon after the conversation), H2's call (conversation).
    // Right-party contacts 2 of 3 calls made; 2 promises recorded for 2 right-party contacts; due in the
    // period: H1's only (D0+4), kept.
    assertRate(k.at("/contactRates/rightPartyContactRate"), "0.6667", 2, 3);
    assertRate(k.at("/contactRates/ptpRate"), "1.0000", 2, 2);
    assertRate(k.at("/contactRates/ptpKeptRate"), "1.0000", 1, 1);
    assertThat(k.at("/contactRates/promisesDueUndecided").asLong()).isZero();
    assertThat(k.at("/contactDecisions/attempts").asLong()).isEqualTo(5);
    assertThat(k.at("/contactDecisions/made").asLong()).isEqualTo(3);
    assertRate(k.at("/contactDecisions/deferredRate"), "0.2000", 1, 5);
    assertRate(k.at("/contactDecisions/blockedRate"), "0.2000", 1, 5);
    assertThat(names(k.at("/contactDecisions/deferredByRule"))).containsExactly("CALL_AFTER_CONVERSATION");
    assertRate(k.at("/contactDecisions/deferredByRule/CALL_AFTER_CONVERSATION"), "0.2000", 1, 5);
    assertThat(names(k.at("/contactDecisions/blockedByRule"))).containsExactly("CHANNEL_BLOCKED");
    assertRate(k.at("/contactDecisions/blockedByRule/CHANNEL_BLOCKED"), "0.2000", 1, 5);

    // Liquidation: USD balance at the start 2,000 + 2,500 + 2,000 + 12,000 + 15,000 + 11,000 = 44,500.00,
    // collected in the period C's 2,000 + H1's 5,000 = 7,000.00: 0.1573; EUR 300.00 of 1,500.00.
    assertThat(names(k.at("/liquidation"))).containsExactly("EUR", "USD");
    assertMoney(k.at("/liquidation/USD"), "7000.00", "balanceAtStart", "44500.00", "0.1573");
    assertMoney(k.at("/liquidation/EUR"), "300.00", "balanceAtStart", "1500.00", "0.2000");
    // Recovery: USD placed 45,000.00, collected by the end 500 + 2,000 + 5,000 = 7,500.00: 0.1667.
    assertMoney(k.at("/recovery/USD"), "7500.00", "placed", "45000.00", "0.1667");
    assertMoney(k.at("/recovery/EUR"), "300.00", "placed", "1500.00", "0.2000");

    // Cost to collect (application.yml: a call costs 1.50 USD): 3 calls made = 4.50, for 7,000.00 collected.
    assertThat(k.at("/costToCollect/currency").asText()).isEqualTo("USD");
    assertThat(names(k.at("/costToCollect/channels"))).containsExactly("CALL");
    assertThat(k.at("/costToCollect/channels/CALL/contacts").asLong()).isEqualTo(3);
    assertThat(k.at("/costToCollect/channels/CALL/unitCost").asText()).isEqualTo("1.50");
    assertThat(k.at("/costToCollect/channels/CALL/cost").asText()).isEqualTo("4.50");
    assertThat(k.at("/costToCollect/total").asText()).isEqualTo("4.50");
    assertThat(k.at("/costToCollect/collected").asText()).isEqualTo("7000.00");
    assertThat(k.at("/costToCollect/costPerCollected").asText()).isEqualTo("0.000643");

    // Time in stage, visits ended in the period: soft reminders from T(0,15) to C's payment T(2,15) (2.00),
    // to H1's, H2's, H3's negotiation at T(3,16) (3.04 each), to E's at T(5,18) (5.13): median 3.04, 90th
    // percentile 3.0417 + 0.6 × (5.125 - 3.0417) = 4.29. Negotiation: H1's and H2's minutes (0.00). Monitoring:
    // H1's, from T(3,16) to its kept promise's check at T(5,18) (2.08).
    assertThat(names(k.at("/timeInStage"))).containsExactly("SOFT_REMINDER", "NEGOTIATION", "MONITORING");
    assertStage(k.at("/timeInStage/SOFT_REMINDER"), 5, "3.04", "4.29");
    assertStage(k.at("/timeInStage/NEGOTIATION"), 2, "0.00", "0.00");
    assertStage(k.at("/timeInStage/MONITORING"), 1, "2.08", "2.08");

    // SLA: H3's negotiation task was due at T(5,16), in the period, and is still open.
    assertThat(k.at("/slaBreaches/overdueTasks").asLong()).isEqualTo(1);

    // By segment: the three high-value debts only; USD 5,000.00 of 38,000.00 collected.
    JsonNode high = api.as("supervisor").get(query + "&segment=HIGH_VALUE").getBody();
    assertThat(high.at("/cures/debtsAtStart").asLong()).isEqualTo(3);
    assertMoney(high.at("/liquidation/USD"), "5000.00", "balanceAtStart", "38000.00", "0.1316");
    assertThat(names(high.at("/liquidation"))).containsExactly("USD");

    // The workbench page shows the very strings the API answers, each under its JSON Pointer.
    Session supervisor = new Session(port);
    supervisor.logIn("supervisor", "supervisor");
    String page = supervisor.get("/workbench/kpis?from=" + d1 + "&to=" + d0.plusDays(6) + "&product=" + product).body();
    Matcher figure = Pattern.compile("data-kpi=\"([^\"]+)\"[^>]*>([^<]*)<").matcher(page);
    int figures = 0;
    while (figure.find()) {
      JsonNode value = k.at(figure.group(1));
      assertThat(value.isMissingNode()).as(figure.group(1)).isFalse();
      assertThat(figure.group(2)).as(figure.group(1)).isEqualTo(value.isNull() ? "" : value.asText());
      figures++;
    }
    assertThat(figures).as("figures on the page").isGreaterThan(80);
  }

  @Test
  void badPeriodsAndFiltersAre400AndOnlySupervisorsMayAsk() {
    Api supervisor = new Api(rest, "supervisor");
    ResponseEntity<JsonNode> badDate = supervisor.get("/api/analytics/kpis?from=2027-02-30&to=2027-03-10");
    assertThat(badDate.getStatusCode().value()).isEqualTo(400);
    assertThat(badDate.getHeaders().getContentType().toString()).contains("application/problem+json");
    assertThat(badDate.getBody().at("/errors/from").asText()).contains("YYYY-MM-DD");
    ResponseEntity<JsonNode> backwards = supervisor.get("/api/analytics/kpis?from=2027-03-10&to=2027-03-01");
    assertThat(backwards.getStatusCode().value()).isEqualTo(400);
    assertThat(backwards.getBody().at("/errors/to").asText()).contains("after from");
    assertThat(supervisor.get("/api/analytics/kpis?from=2027-03-01&to=2027-03-01").getBody().at("/errors/to").asText())
        .contains("after from");
    ResponseEntity<JsonNode> segment = supervisor.get("/api/analytics/kpis?from=2027-03-01&to=2027-03-10&segment=high value");
    assertThat(segment.getStatusCode().value()).isEqualTo(400);
    assertThat(segment.getBody().at("/errors/segment").asText()).contains("upper-case code");
    ResponseEntity<JsonNode> missing = supervisor.get("/api/analytics/kpis?to=2027-03-10");
    assertThat(missing.getBody().at("/errors/from").asText()).contains("required");

    assertThat(new Api(rest, "operator").get("/api/analytics/kpis?from=2027-03-01&to=2027-03-10").getStatusCode().value())
        .isEqualTo(403);
    assertThat(new Api(rest, "owner").get("/api/analytics/kpis?from=2027-03-01&to=2027-03-10").getStatusCode().value())
        .isEqualTo(403);
    assertThat(new Api(rest, "admin").get("/api/analytics/kpis?from=2027-03-01&to=2027-03-10").getStatusCode().value())
        .isEqualTo(200);
    assertThat(new Api(rest).get("/v3/api-docs").getBody().at("/paths/~1api~1analytics~1kpis/get/responses").has("400")).isTrue();
  }

  private String debt(String principal, String currency, LocalDate due, String product) {
    Map<String, Object> request = new HashMap<>(Api.debtRequest(principal, due.toString(), product));
    request.put("currency", currency);
    return api.createDebt(request);
  }

  private void pay(String debt, String amount, String currency) {
    ResponseEntity<JsonNode> paid = api.post("/api/debts/" + debt + "/payments",
        Map.of("reference", "KPI-" + UUID.randomUUID(), "amount", amount, "currency", currency));
    assertThat(paid.getStatusCode().value()).as(String.valueOf(paid.getBody())).isEqualTo(201);
  }

  private JsonNode contact(String debt, String channel, String outcome) {
    ResponseEntity<JsonNode> attempt = api.post("/api/debts/" + debt + "/contact-attempts",
        Map.of("channel", channel, "direction", "OUTBOUND", "outcome", outcome));
    assertThat(attempt.getStatusCode().value()).as(String.valueOf(attempt.getBody())).isEqualTo(201);
    return attempt.getBody();
  }

  private void moveClockTo(int day, int hour) {
    Instant at = d0.plusDays(day).atTime(hour, 0).toInstant(ZoneOffset.UTC);
    ResponseEntity<JsonNode> moved = api.post("/api/simulation/clock", Map.of("to", at.toString()));
    assertThat(moved.getStatusCode().value()).as(String.valueOf(moved.getBody())).isEqualTo(200);
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new java.util.ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static void assertRow(JsonNode row, long debts, Map<String, Long> nonZero) {
    assertThat(row.get("debts").asLong()).isEqualTo(debts);
    row.get("to").fields().forEachRemaining(cell ->
        assertThat(cell.getValue().asLong()).as(cell.getKey()).isEqualTo(nonZero.getOrDefault(cell.getKey(), 0L)));
    assertThat(names(row.get("to"))).containsExactly("0-30", "31-60", "61-90", "91-120", "121-180", "181+", "CURED", "WRITTEN_OFF");
  }

  private static void assertRate(JsonNode rate, String value, long numerator, long denominator) {
    if (value == null) {
      assertThat(rate.get("rate").isNull()).as(rate.toString()).isTrue();
    } else {
      assertThat(rate.get("rate").asText()).as(rate.toString()).isEqualTo(value);
    }
    assertThat(rate.get("numerator").asLong()).as(rate.toString()).isEqualTo(numerator);
    assertThat(rate.get("denominator").asLong()).as(rate.toString()).isEqualTo(denominator);
  }

  private static void assertMoney(JsonNode figure, String collected, String base, String baseValue, String rate) {
    assertThat(figure.get("collected").asText()).as(figure.toString()).isEqualTo(collected);
    assertThat(figure.get(base).asText()).as(figure.toString()).isEqualTo(baseValue);
    assertThat(figure.get("rate").asText()).as(figure.toString()).isEqualTo(rate);
  }

  private static void assertStage(JsonNode stage, long visits, String median, String p90) {
    assertThat(stage.get("visits").asLong()).as(stage.toString()).isEqualTo(visits);
    assertThat(stage.get("medianDays").asText()).as(stage.toString()).isEqualTo(median);
    assertThat(stage.get("p90Days").asText()).as(stage.toString()).isEqualTo(p90);
  }
}
