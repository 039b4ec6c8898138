package org.opencollections.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

@CollectionsTest
@Order(2)
class PaymentApiTest {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(http);
  }

  @Test
  void postsAPaymentOncePerReference() {
    String debt = api.createDebt("500.00", api.dateInDays(-20), "PERSONAL_LOAN");

    ResponseEntity<JsonNode> first = api.pay(debt, "BANK-1", "120.00");
    ResponseEntity<JsonNode> repeat = api.pay(debt, "BANK-1", "120.00");

    assertThat(first.getStatusCode().value()).isEqualTo(201);
    assertThat(repeat.getStatusCode().value()).isEqualTo(200);
    assertThat(repeat.getBody().get("postingId")).isEqualTo(first.getBody().get("postingId"));
    assertThat(api.debt(debt).get("balance").asText()).isEqualTo("380.00");
    assertThat(jdbc.queryForObject("select count(*) from posting where debt_id = ?", Integer.class, UUID.fromString(debt)))
        .isEqualTo(1);
    assertThat(api.count(debt, Api.type("PAYMENT"))).isEqualTo(1);
  }

  @Test
  void theSameReferenceWithAnotherAmountIsAConflictNotTheFirstPayment() {
    String debt = api.createDebt("500.00", api.dateInDays(-20), "PERSONAL_LOAN");
    assertThat(api.pay(debt, "BANK-2", "120.00").getStatusCode().value()).isEqualTo(201);

    ResponseEntity<JsonNode> other = api.pay(debt, "BANK-2", "150.00");

    assertThat(other.getStatusCode().value()).isEqualTo(409);
    assertThat(other.getBody().get("detail").asText()).contains("BANK-2").contains("120.00");
    assertThat(api.debt(debt).get("balance").asText()).isEqualTo("380.00");
  }

  /** ISO 4217 gives the Kuwaiti dinar three decimals: 1.235 is booked as 1.235, not rounded to 1.24. */
  @Test
  void aCurrencyWithThreeDecimalsKeepsThemAndOneWithNoneHasNone() {
    Map<String, Object> kwd = new java.util.HashMap<>(Api.debtRequest("10", api.dateInDays(-20), "PERSONAL_LOAN"));
    kwd.put("currency", "KWD");
    String debt = api.createDebt(kwd);
    assertThat(api.call(org.springframework.http.HttpMethod.GET, "/api/debts/" + debt, null).getBody())
        .contains("\"principal\":\"10.000\",");

    ResponseEntity<JsonNode> paid =
        api.post("/api/debts/" + debt + "/payments", Map.of("reference", "KW-1", "amount", "1.235", "currency", "KWD"));

    assertThat(paid.getStatusCode().value()).as(String.valueOf(paid.getBody())).isEqualTo(201);
    assertThat(jdbc.queryForObject("select amount::text from posting where debt_id = ?", String.class, UUID.fromString(debt)))
        .isEqualTo("1.235");
    assertThat(api.debt(debt).get("balance").asText()).isEqualTo("8.765");
    assertThat(api.get("/api/debts/" + debt + "/postings").getBody().get(0).get("amount").asText())
        .isEqualTo("1.235");
    assertThat(api.get("/api/debts/" + debt + "/postings").getBody().get(0).get("bookedBy").asText())
        .as("who booked it").isEqualTo("admin");
    ResponseEntity<JsonNode> fourDecimals =
        api.post("/api/debts/" + debt + "/payments", Map.of("reference", "KW-2", "amount", "1.2345", "currency", "KWD"));
    assertThat(fourDecimals.getStatusCode().value()).isEqualTo(400);
    assertThat(fourDecimals.getBody().get("errors").get("amount").asText()).contains("KWD");

    Map<String, Object> jpy = new java.util.HashMap<>(Api.debtRequest("5000", api.dateInDays(-20), "PERSONAL_LOAN"));
    jpy.put("currency", "JPY");
    assertThat(api.call(org.springframework.http.HttpMethod.GET, "/api/debts/" + api.createDebt(jpy), null).getBody())
        .contains("\"principal\":\"5000\",");
  }

  @Test
  void anAmountBeyondTheLimitIsRefusedNotAnError() {
    String debt = api.createDebt("500.00", api.dateInDays(-20), "PERSONAL_LOAN");
    ResponseEntity<JsonNode> huge = api.pay(debt, "BANK-HUGE", "100000000000000000");
    assertThat(huge.getStatusCode().value()).isEqualTo(400);
    assertThat(huge.getBody().get("errors").get("amount").asText()).contains("less than");
  }

  @Test
  void refusesAWrongCurrencyOrAnAmountThatIsNotPositive() {
    String debt = api.createDebt("500.00", api.dateInDays(-20), "PERSONAL_LOAN");

    ResponseEntity<JsonNode> euros =
        api.post("/api/debts/" + debt + "/payments", Map.of("reference", "R-EUR", "amount", "10.00", "currency", "EUR"));
    ResponseEntity<JsonNode> zero = api.pay(debt, "R-0", "0");
    ResponseEntity<JsonNode> negative = api.pay(debt, "R-NEG", "-5.00");
    ResponseEntity<JsonNode> fractions = api.pay(debt, "R-FRAC", "1.005");

    assertThat(euros.getStatusCode().value()).isEqualTo(400);
    assertThat(euros.getBody().get("errors").get("currency").asText()).contains("USD");
    assertThat(zero.getStatusCode().value()).isEqualTo(400);
    assertThat(negative.getStatusCode().value()).isEqualTo(400);
    assertThat(fractions.getStatusCode().value()).isEqualTo(400);
    assertThat(api.debt(debt).get("balance").asText()).isEqualTo("500.00");
  }

  @Test
  void aPaymentThatClearsTheBalanceClosesTheCaseAndAnOverpaymentStaysACredit() {
    String debt = api.createDebt("200.00", api.dateInDays(-20), "PERSONAL_LOAN");

    ResponseEntity<JsonNode> paid = api.pay(debt, "BANK-FULL", "250.00");

    assertThat(paid.getStatusCode().value()).isEqualTo(201);
    assertThat(paid.getBody().get("paidInFull").asBoolean()).isTrue();
    JsonNode closed = api.awaitStatus(debt, "PAID");
    assertThat(closed.get("stage").asText()).isEqualTo("CLOSED");
    assertThat(closed.get("balance").asText()).isEqualTo("-50.00");
    // money that arrives after the case closed is never refused: it adds to the debtor's credit
    ResponseEntity<JsonNode> late = api.pay(debt, "BANK-LATE", "10.00");
    assertThat(late.getStatusCode().value()).isEqualTo(201);
    assertThat(late.getBody().get("balanceAfter").asText()).isEqualTo("-60.00");
    assertThat(api.debt(debt).get("status").asText()).isEqualTo("PAID");
  }

  @Test
  void aReversedPaymentIsOwedAgainAndReopensThePaidCase() {
    String debt = api.createDebt("300.00", api.dateInDays(-20), "PERSONAL_LOAN");
    api.awaitTimeline(debt, Api.type("CONTACT"));
    String paymentId = api.pay(debt, "BANK-CB", "300.00").getBody().get("postingId").asText();
    api.awaitStatus(debt, "PAID");

    ResponseEntity<JsonNode> reversed =
        api.post("/api/debts/" + debt + "/payments/" + paymentId + "/reversal", Map.of("reason", "Chargeback"));
    assertThat(reversed.getStatusCode().value()).as(String.valueOf(reversed.getBody())).isEqualTo(201);
    assertThat(reversed.getBody().get("reopened").asBoolean()).isTrue();
    assertThat(reversed.getBody().get("posting").get("balanceAfter").asText()).isEqualTo("300.00");
    // once per payment
    ResponseEntity<JsonNode> again =
        api.post("/api/debts/" + debt + "/payments/" + paymentId + "/reversal", Map.of("reason", "Chargeback"));
    assertThat(again.getStatusCode().value()).isEqualTo(200);
    assertThat(again.getBody().get("posting").get("postingId").asText())
        .isEqualTo(reversed.getBody().get("posting").get("postingId").asText());

    JsonNode reopened = api.debt(debt);
    assertThat(reopened.get("status").asText()).isEqualTo("OPEN");
    assertThat(reopened.get("balance").asText()).isEqualTo("300.00");
    // the case negotiates again, with a new process instance
    api.awaitTask(debt, "Task_NegotiateWithDebtor");
    assertThat(api.get("/api/debts/" + debt + "/postings").getBody())
        .extracting(p -> p.get("kind").asText())
        .containsExactly("PAYMENT", "REVERSAL");
  }

  @Test
  void feesAndInterestAreChargedOnceAndFrozenUnderHardship() {
    String debt = api.createDebt("400.00", api.dateInDays(-20), "PERSONAL_LOAN");
    Map<String, Object> fee = Map.of("kind", "FEE", "amount", "25.00", "currency", "USD", "reference", "FEE-1", "reason", "Late fee");
    assertThat(api.post("/api/debts/" + debt + "/charges", fee).getStatusCode().value()).isEqualTo(201);
    assertThat(api.post("/api/debts/" + debt + "/charges", fee).getStatusCode().value()).isEqualTo(200);
    assertThat(api.debt(debt).get("balance").asText()).isEqualTo("425.00");

    String hold = api.post("/api/debts/" + debt + "/holds", Map.of("kind", "HARDSHIP", "reason", "Lost job")).getBody().get("id").asText();
    ResponseEntity<JsonNode> frozen =
        api.post("/api/debts/" + debt + "/charges",
            Map.of("kind", "INTEREST", "amount", "3.10", "currency", "USD", "reference", "INT-2027-03", "reason", "Monthly interest"));
    assertThat(frozen.getStatusCode().value()).isEqualTo(409);
    assertThat(frozen.getBody().get("detail").asText()).contains("HARDSHIP").contains(hold);
    assertThat(api.debt(debt).get("balance").asText()).isEqualTo("425.00");

    api.post("/api/debts/" + debt + "/holds/" + hold + "/release", Map.of());
    assertThat(api.post("/api/debts/" + debt + "/charges",
            Map.of("kind", "INTEREST", "amount", "3.10", "currency", "USD", "reference", "INT-2027-03", "reason", "Monthly interest"))
        .getStatusCode().value()).isEqualTo(201);
    assertThat(api.debt(debt).get("balance").asText()).isEqualTo("428.10");
    // a charge is not a payment: the kinds an operator may charge are only fees and interest
    assertThat(api.post("/api/debts/" + debt + "/charges",
            Map.of("kind", "WRITE_OFF", "amount", "1.00", "currency", "USD", "reference", "X", "reason", "x"))
        .getStatusCode().value()).isEqualTo(400);
  }

  @Test
  void theTimelineIsAppendOnlyToo() {
    String debt = api.createDebt("200.00", api.dateInDays(-20), "PERSONAL_LOAN");
    UUID id = UUID.fromString(debt);
    assertThatThrownBy(() -> jdbc.update("update case_event set summary = 'x' where debt_id = ?", id))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.update("delete from case_event where debt_id = ?", id))
        .hasMessageContaining("append-only");
  }

  @Test
  void theDatabaseRefusesToChangeOrDeleteAPosting() {
    String debt = api.createDebt("200.00", api.dateInDays(-20), "PERSONAL_LOAN");
    api.pay(debt, "BANK-X", "20.00");
    UUID id = UUID.fromString(debt);

    assertThatThrownBy(() -> jdbc.update("update posting set amount = 1 where debt_id = ?", id))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.update("delete from posting where debt_id = ?", id))
        .hasMessageContaining("append-only");
    assertThat(jdbc.queryForObject("select amount from posting where debt_id = ?", BigDecimal.class, id))
        .isEqualByComparingTo("20.00");
  }

  @Test
  void answers404ForAPaymentOnAnUnknownDebt() {
    assertThat(api.pay(UUID.randomUUID().toString(), "R", "1.00").getStatusCode().value()).isEqualTo(404);
  }
}
