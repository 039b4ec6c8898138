package org.opencollections.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The engine hears about every commit through the outbox, even when it could not be reached at the time: the
 * endpoint answers what it committed, the event waits in {@code event_publication}, and is delivered once the
 * engine answers again. The fault is injected in front of the real engine (the real workflow adapter behind it).
 */
@CollectionsTest
@TestPropertySource(properties = {"collections.outbox.retry-after=PT1S", "collections.outbox.retry-every=PT1S"})
class EngineOutboxTest {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired EngineOutbox outbox;
  @Autowired UnreachableEngine engine;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(http);
    engine.reachable.set(true);
  }

  @Test
  void aHoldCommittedWhileTheEngineIsUnreachableReachesItLaterAndARetryDoesNotStartASecond() throws Exception {
    String debt = api.createDebt("900.00", api.dateInDays(-20), "CREDIT_CARD");
    api.awaitStage(debt, "SOFT_REMINDER");

    engine.reachable.set(false);
    ResponseEntity<JsonNode> hold = api.post("/api/debts/" + debt + "/holds", Map.of("kind", "HARDSHIP", "requestId", "call-77"));

    assertThat(hold.getStatusCode().value()).isEqualTo(201); // committed, and said so: not a 500
    assertThat(outbox.pending()).isGreaterThanOrEqualTo(1);
    Thread.sleep(3_000); // several retry rounds while the engine stays unreachable
    assertThat(api.count(debt, Api.stageChangedTo("ON_HOLD"))).isZero();
    assertThat(engine.refused.get()).isTrue();

    engine.reachable.set(true);
    api.awaitTimeline(debt, Api.stageChangedTo("ON_HOLD"));
    await().atMost(Api.PATIENCE).until(() -> outbox.pending() == 0);

    // the client did not see the answer and sends the same request again, twice at once
    List<CompletableFuture<ResponseEntity<JsonNode>>> retries = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      retries.add(CompletableFuture.supplyAsync(
          () -> api.post("/api/debts/" + debt + "/holds", Map.of("kind", "HARDSHIP", "requestId", "call-77"))));
    }
    for (var retry : retries) {
      assertThat(retry.get().getStatusCode().value()).isEqualTo(200);
      assertThat(retry.get().getBody().get("id")).isEqualTo(hold.getBody().get("id"));
    }
    assertThat(jdbc.queryForObject("select count(*) from hold where debt_id = ?", Integer.class, UUID.fromString(debt)))
        .isEqualTo(1);
    ResponseEntity<JsonNode> otherKind =
        api.post("/api/debts/" + debt + "/holds", Map.of("kind", "DISPUTE", "requestId", "call-77"));
    assertThat(otherKind.getStatusCode().value()).isEqualTo(409);
  }

  @Test
  void aReleaseCommittedWhileTheEngineIsUnreachableLetsTheCaseGoOnInTheEnd() {
    String debt = api.createDebt("400.00", api.dateInDays(-20), "CREDIT_CARD");
    api.awaitStage(debt, "SOFT_REMINDER");
    String hold = api.post("/api/debts/" + debt + "/holds", Map.of("kind", "HARDSHIP")).getBody().get("id").asText();
    api.awaitTimeline(debt, Api.stageChangedTo("ON_HOLD"));

    engine.reachable.set(false);
    assertThat(api.post("/api/debts/" + debt + "/holds/" + hold + "/release", Map.of()).getStatusCode().value())
        .isEqualTo(200);
    assertThat(outbox.pending()).isGreaterThanOrEqualTo(1);

    engine.reachable.set(true);
    api.awaitTimeline(debt, e -> Api.type("STAGE_CHANGED").test(e) && "ON_HOLD".equals(e.get("details").get("from").asText()));
    await().atMost(Api.PATIENCE).until(() -> outbox.pending() == 0);
  }

  /** Stands in front of the real workflow adapter and refuses messages while the engine is "unreachable". */
  static class UnreachableEngine implements CaseWorkflow {
    final AtomicBoolean reachable = new AtomicBoolean(true);
    final AtomicBoolean refused = new AtomicBoolean();
    private final CaseWorkflow real;

    UnreachableEngine(CaseWorkflow real) {
      this.real = real;
    }

    private void check() {
      if (!reachable.get()) {
        refused.set(true);
        throw new IllegalStateException("UNAVAILABLE: the engine cannot be reached (injected fault)");
      }
    }

    @Override
    public String epoch() {
      return real.epoch();
    }

    @Override
    public CompletionStage<Long> startAsync(UUID debtId, ResumePoint point) {
      return real.startAsync(debtId, point);
    }

    @Override
    public void paymentReceived(UUID debtId, String reference, boolean paidInFull) {
      check();
      real.paymentReceived(debtId, reference, paidInFull);
    }

    @Override
    public void holdStarted(UUID debtId, UUID holdId, String kind) {
      check();
      real.holdStarted(debtId, holdId, kind);
    }

    @Override
    public void holdsReleased(UUID debtId, UUID holdId) {
      check();
      real.holdsReleased(debtId, holdId);
    }

    @Override
    public void legalOutcomeReceived(UUID debtId, String outcome, String reference) {
      check();
      real.legalOutcomeReceived(debtId, outcome, reference);
    }
  }

  @TestConfiguration
  static class Faults {
    @Bean
    @Primary
    UnreachableEngine unreachableEngine(@Qualifier("zeebeCaseWorkflow") CaseWorkflow real) {
      return new UnreachableEngine(real);
    }
  }

}
