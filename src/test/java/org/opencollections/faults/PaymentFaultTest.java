package org.opencollections.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * F4 duplicate payment notifications, concurrent and after the message's time to live; F5 a payment before the
 * case reaches a wait state. The bank's notification is the HTTP call; the ledger and the engine's records say
 * what happened.
 */
@CollectionsTest
class PaymentFaultTest {

  @Autowired TestRestTemplate rest;
  @Autowired ApplicationContext app;
  @LocalServerPort int port;
  @Value("${collections.messages.payment-ttl}") Duration paymentTtl;
  final ObjectMapper json = new ObjectMapper();
  Api api;
  Http http;
  Invariants invariants;

  @BeforeEach
  void setUp() {
    api = new Api(rest);
    http = new Http(port, "operator");
    invariants = Invariants.fromNow(app);
  }

  /** Twenty threads deliver one notification at once: one posting, every answer the same posting, never a 500. */
  @Test
  void twentyConcurrentNotificationsOfOnePaymentPostItOnce() throws Exception {
    String debt = api.createDebt("900.00", api.dateInDays(-20), "PERSONAL_LOAN");
    api.awaitStage(debt, "SOFT_REMINDER");
    String body = "{\"reference\":\"BANK-F4-" + UUID.randomUUID() + "\",\"amount\":\"250.00\",\"currency\":\"USD\"}";

    List<Http.Answer> answers = concurrently(20, () -> http.postJson("/api/debts/" + debt + "/payments", body));

    assertThat(answers).extracting(Http.Answer::status).as("answers").allMatch(s -> s == 200 || s == 201);
    assertThat(answers).filteredOn(a -> a.status() == 201).as("one answer created the posting").hasSize(1);
    Set<String> postingIds = new java.util.HashSet<>();
    for (Http.Answer a : answers) {
      JsonNode payment = json.readTree(a.body());
      postingIds.add(payment.get("postingId").asText());
      assertThat(new BigDecimal(payment.get("amount").asText())).isEqualByComparingTo("250.00");
      assertThat(new BigDecimal(payment.get("balanceAfter").asText())).isEqualByComparingTo("650.00");
    }
    assertThat(postingIds).as("every answer names the one posting").hasSize(1);
    String reference = json.readTree(body).get("reference").asText();
    invariants.paymentsAreTheAcknowledgedOnes(debt, Map.of(reference, new BigDecimal("250.00")));
    invariants.balanceIsDerived(debt, new BigDecimal(api.debt(debt).get("balance").asText()));
    assertThat(api.count(debt, Api.type("PAYMENT"))).as("payments on the timeline").isEqualTo(1);
    invariants.afterFault(List.of(debt));
    assertThat(api.debt(debt).get("stage").asText()).as("a partial payment leaves the case where it was").isEqualTo("SOFT_REMINDER");
  }

  /**
   * The notification that clears the balance comes again, concurrently and then once more after the engine has
   * forgotten the message (its time to live has passed): still one posting, the case closed once.
   */
  @Test
  void aDuplicateOfTheFinalPaymentAfterTheMessageTtlPostsNothing() throws Exception {
    String debt = api.createDebt("400.00", api.dateInDays(-20), "PERSONAL_LOAN");
    api.awaitStage(debt, "SOFT_REMINDER");
    String reference = "BANK-F4-TTL-" + UUID.randomUUID();
    String body = "{\"reference\":\"" + reference + "\",\"amount\":\"400.00\",\"currency\":\"USD\"}";

    List<Http.Answer> first = concurrently(10, () -> http.postJson("/api/debts/" + debt + "/payments", body));
    assertThat(first).extracting(Http.Answer::status).allMatch(s -> s == 200 || s == 201);
    api.awaitStatus(debt, "PAID");
    invariants.noEventUndelivered(List.of(debt));

    api.advance(paymentTtl.plusMinutes(5).toString()); // the engine no longer knows the message id
    Http.Answer late = http.postJson("/api/debts/" + debt + "/payments", body);

    assertThat(late.status()).as(late.body()).isEqualTo(200);
    assertThat(json.readTree(late.body()).get("postingId").asText())
        .isEqualTo(json.readTree(first.stream().filter(a -> a.status() == 201).findFirst().orElseThrow().body()).get("postingId").asText());
    invariants.paymentsAreTheAcknowledgedOnes(debt, Map.of(reference, new BigDecimal("400.00")));
    JsonNode closed = api.debt(debt);
    assertThat(closed.get("status").asText()).isEqualTo("PAID");
    assertThat(closed.get("stage").asText()).isEqualTo("CLOSED");
    assertThat(invariants.balanceIsDerived(debt, new BigDecimal(closed.get("balance").asText()))).isEqualByComparingTo("0");
    assertThat(api.count(debt, Api.type("CASE_CLOSED"))).as("closed once").isEqualTo(1);
    invariants.afterFault(List.of(debt));
    assertThat(invariants.count("select count(*) from debt where id = ?::uuid and status = 'PAID'", debt)).isEqualTo(1);
  }

  /** F5: paid in full in the same breath as it was registered, before its process waits anywhere. */
  @Test
  void aFullPaymentBeforeTheCaseWaitsAnywhereClosesItOnce() {
    List<String> debts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String debt = api.createDebt("300.00", api.dateInDays(-20), "PERSONAL_LOAN");
      assertThat(api.pay(debt, "BANK-F5-" + i + "-" + debt, "300.00").getStatusCode().value()).isEqualTo(201);
      debts.add(debt);
    }
    for (int i = 0; i < debts.size(); i++) {
      String debt = debts.get(i);
      JsonNode d = api.awaitStatus(debt, "PAID");
      invariants.noEventUndelivered(List.of(debt));
      invariants.noJobStuck(List.of(debt));
      d = api.debt(debt);
      assertThat(d.get("stage").asText()).as("stage of " + debt).isEqualTo("CLOSED");
      assertThat(invariants.balanceIsDerived(debt, new BigDecimal(d.get("balance").asText()))).isEqualByComparingTo("0");
      invariants.paymentsAreTheAcknowledgedOnes(debt, Map.of("BANK-F5-" + i + "-" + debt, new BigDecimal("300.00")));
      assertThat(api.count(debt, Api.type("CASE_CLOSED"))).as("closed once").isEqualTo(1);
      // whether the process started before the payment or not, no instance is left running and none twice
      assertThat(invariants.count("select count(*) from engine_process_instance where debt_id = ?::uuid", debt))
          .isLessThanOrEqualTo(1);
    }
    invariants.ledgerAndAuditAppendOnly();
  }

  /** F5: a partial payment before the first wait state is posted once and the case goes on to its reminders. */
  @Test
  void aPartialPaymentBeforeTheCaseWaitsAnywhereIsPostedOnceAndTheCaseGoesOn() {
    String debt = api.createDebt("1000.00", api.dateInDays(-20), "PERSONAL_LOAN");
    String reference = "BANK-F5P-" + debt;
    assertThat(api.pay(debt, reference, "100.00").getStatusCode().value()).isEqualTo(201);

    api.awaitStage(debt, "SOFT_REMINDER");
    invariants.afterFault(List.of(debt));
    invariants.paymentsAreTheAcknowledgedOnes(debt, Map.of(reference, new BigDecimal("100.00")));
    assertThat(invariants.balanceIsDerived(debt, new BigDecimal(api.debt(debt).get("balance").asText())))
        .isEqualByComparingTo("900.00");
    assertThat(api.debt(debt).get("status").asText()).isEqualTo("OPEN");
  }

  static <T> List<T> concurrently(int threads, java.util.concurrent.Callable<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(() -> {
          go.await();
          return call.call();
        }));
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
