package org.opencollections.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencollections.support.Api;
import org.opencollections.support.AppProcess;
import org.opencollections.support.Apps;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * F6: kill -9 of the application in the middle of a stream of payments and of holds (CrashRecoveryTest has the
 * import and case work). The senders do what a bank or a front end does: whatever was not answered is sent
 * again, with the same reference or request id, once the application is back. Then every acknowledged
 * payment is posted exactly once, nothing else is, every hold exists once and has stopped its case.
 */
class CrashDuringWritesTest {

  @TempDir Path data;
  final ObjectMapper json = new ObjectMapper();

  /** One notification: the path, the body, and whether the application answered it (2xx). */
  record Sent(String debt, String key, String path, String body) {}

  @Test
  void aCrashDuringPaymentsAndHoldsLosesNoAcknowledgedOneAndDoublesNone() throws Exception {
    List<String> paying = new ArrayList<>();
    List<String> holding = new ArrayList<>();
    Map<Sent, Boolean> payments = new ConcurrentHashMap<>();
    Map<Sent, Boolean> holds = new ConcurrentHashMap<>();
    try (AppProcess first = AppProcess.start(
        Path.of("target", "crash-test", "writes-" + UUID.randomUUID() + ".log"), Apps.args(data,
            // the jobs this application holds when it is killed come back after 15 s instead of a minute
            "--camunda.client.worker.defaults.timeout=PT15S"), Duration.ofMinutes(3))) {
      Api api = first.api();
      for (int i = 0; i < 6; i++) {
        paying.add(api.createDebt("1000.00", api.dateInDays(-20), "PERSONAL_LOAN"));
        holding.add(api.createDebt("1000.00", api.dateInDays(-20), "PERSONAL_LOAN"));
      }
      for (String d : holding) {
        api.awaitStage(d, "SOFT_REMINDER");
      }
      Http http = new Http(first.port(), "operator");
      AtomicBoolean crashed = new AtomicBoolean();
      AtomicInteger answered = new AtomicInteger();
      Thread paymentStream = Thread.ofPlatform().start(() -> {
        for (int n = 0; !crashed.get(); n++) {
          String debt = paying.get(n % paying.size());
          String reference = "CRASH-PAY-" + n;
          Sent sent = new Sent(debt, reference, "/api/debts/" + debt + "/payments",
              "{\"reference\":\"" + reference + "\",\"amount\":\"1.25\",\"currency\":\"USD\"}");
          payments.put(sent, false);
          if (deliver(http, sent)) {
            payments.put(sent, true);
            answered.incrementAndGet();
          }
        }
      });
      Thread holdStream = Thread.ofPlatform().start(() -> {
        for (int n = 0; !crashed.get() && n < holding.size() * 4; n++) {
          String debt = holding.get(n % holding.size());
          String requestId = "crash-hold-" + n % holding.size(); // sent again and again: one hold per case
          Sent sent = new Sent(debt, requestId, "/api/debts/" + debt + "/holds",
              "{\"kind\":\"HARDSHIP\",\"reason\":\"lost job\",\"requestId\":\"" + requestId + "\"}");
          holds.putIfAbsent(sent, false);
          if (deliver(http, sent)) {
            holds.put(sent, true);
          }
        }
      });
      await().atMost(Duration.ofMinutes(1)).until(() -> answered.get() >= 60);
      first.kill(); // in the middle of both streams
      crashed.set(true);
      paymentStream.join();
      holdStream.join();
    }
    assertThat(payments.values()).as("some payments were answered before the crash").contains(true);

    try (ConfigurableApplicationContext second = Apps.startHere(data)) {
      Api api = Apps.api(second);
      Http http = new Http(Integer.parseInt(second.getEnvironment().getProperty("local.server.port")), "operator");
      // the senders send again what got no answer (a request in flight when the process died may have committed)
      for (Map<Sent, Boolean> stream : List.of(payments, holds)) {
        for (var e : stream.entrySet()) {
          if (!e.getValue()) {
            assertThat(deliver(http, e.getKey())).as("sent again: " + e.getKey()).isTrue();
            e.setValue(true);
          }
        }
      }
      Invariants invariants = Invariants.of(second);
      List<String> all = new ArrayList<>(paying);
      all.addAll(holding);
      invariants.afterFault(all);
      for (String debt : paying) {
        Map<String, BigDecimal> acknowledged = new LinkedHashMap<>();
        payments.keySet().stream().filter(s -> s.debt().equals(debt)).forEach(s -> acknowledged.put(s.key(), new BigDecimal("1.25")));
        invariants.paymentsAreTheAcknowledgedOnes(debt, acknowledged);
        invariants.balanceIsDerived(debt, new BigDecimal(api.debt(debt).get("balance").asText()));
        assertThat(new BigDecimal(api.debt(debt).get("balance").asText()))
            .isEqualByComparingTo(new BigDecimal("1000.00").subtract(new BigDecimal("1.25").multiply(BigDecimal.valueOf(acknowledged.size()))));
      }
      Set<String> held = new java.util.HashSet<>();
      holds.keySet().forEach(s -> held.add(s.debt()));
      for (String debt : held) {
        assertThat(invariants.count("select count(*) from hold where debt_id = ?::uuid", debt)).as("holds of " + debt).isEqualTo(1);
        api.awaitStage(debt, "ON_HOLD"); // the process heard of it, after the restart if need be
      }
      assertThat(invariants.count("select count(*) from case_event where type = 'CASE_RESUMED'")).as("no case re-created").isZero();
    }
  }

  /** Sends one notification; true if the application answered 2xx. A refused connection or a cut answer is false. */
  private boolean deliver(Http http, Sent sent) {
    try {
      Http.Answer a = http.postJson(sent.path(), sent.body());
      if (a.status() >= 500 || a.status() < 200 || a.status() >= 300) {
        if (a.status() >= 400 && a.status() < 500) {
          throw new AssertionError("refused: " + sent + " " + a.status() + " " + a.body());
        }
        return false;
      }
      JsonNode body = json.readTree(a.body());
      return body != null;
    } catch (java.io.UncheckedIOException | java.io.IOException e) {
      return false;
    }
  }
}
