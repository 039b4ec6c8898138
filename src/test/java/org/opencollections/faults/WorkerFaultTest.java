package org.opencollections.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencollections.contact.ContactDebtorConnector;
import org.opencollections.negotiation.RecordCommitmentWorker;
import org.opencollections.process.JobTypes;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * F1 a worker killed before / after its database commit, F2 a job timeout shorter than the handler. The test
 * plays the worker with the real engine: it activates the real job of a real case, runs the application's own
 * handler bean on it (so the database work is the real one, with the handler's own idempotency key), and then
 * dies the way the fault says. The application's own worker takes the job when the engine times it out.
 */
@CollectionsTest
class WorkerFaultTest {

  static final String NEGOTIATE = "Task_NegotiateWithDebtor";

  @Autowired TestRestTemplate rest;
  @Autowired ApplicationContext app;
  @Autowired CamundaClient client;
  @Autowired ContactDebtorConnector connector;
  @Autowired RecordCommitmentWorker recordCommitment;
  @Autowired TransactionTemplate tx;
  Api api;
  Invariants invariants;

  @BeforeEach
  void setUp() {
    api = new Api(rest);
    invariants = Invariants.fromNow(app);
  }

  /** F1, after the commit: the letter was stored and sent, the worker died before completing: sent once. */
  @Test
  void aContactWorkerKilledAfterItsCommitIsReplacedAndTheMessageGoesOutOnce() throws Exception {
    String debt;
    ActivatedJob job;
    try (DeadWorker dying = DeadWorker.takeOver(app, ContactDebtorConnector.TYPE)) {
      debt = api.createDebt(debtInDaytime("800.00"));
      job = dying.activate(debt, Duration.ofSeconds(2));
      Object result = connector.execute(DeadWorker.connectorContext(job)); // commits the attempt and its message, sends it
      assertThat(result.toString()).contains("MADE");
      assertThat(messages(debt)).isEqualTo(1);
      // ... and the worker dies here: the job is never completed
    }
    long key = job.getKey();
    await().atMost(Invariants.SETTLE).until(() -> invariants.jobHistory(key).contains("EVENT COMPLETED"));
    assertThat(invariants.jobHistory(key)).as("the engine timed the job out and the application's worker did it")
        .contains("EVENT TIMED_OUT");
    invariants.afterFault(List.of(debt));
    assertThat(messages(debt)).as("messages to the debtor").isEqualTo(1);
    assertThat(invariants.count("select count(*) from contact_message where debt_id = ?::uuid and status = 'SENT'", debt))
        .isEqualTo(1);
    assertThat(invariants.count("select count(*) from contact_attempt where debt_id = ?::uuid", debt)).isEqualTo(1);
    assertThat(api.count(debt, Api.type("CONTACT"))).as("contacts on the timeline").isEqualTo(1);
    assertThat(api.debt(debt).get("stage").asText()).isEqualTo("SOFT_REMINDER");
  }

  /** F1, before the commit: the worker did the work but died before its transaction committed: done once, by the next. */
  @Test
  void aWorkerKilledBeforeItsCommitLeavesNothingAndTheNextRecordsThePromiseOnce() {
    String debt = debtInNegotiation();
    ActivatedJob job;
    try (DeadWorker dying = DeadWorker.takeOver(app, JobTypes.RECORD_COMMITMENT)) {
      api.completeTaskOk(debt, NEGOTIATE, promise());
      job = dying.activate(debt, Duration.ofSeconds(2));
      tx.executeWithoutResult(status -> {
        record(job); // the real handler, inside the transaction that the crash never lets commit
        status.setRollbackOnly();
      });
      assertThat(commitments(debt)).as("nothing committed by the dead worker").isZero();
    }
    api.awaitStage(debt, "MONITORING");
    long key = job.getKey();
    assertThat(invariants.jobHistory(key)).contains("EVENT TIMED_OUT", "EVENT COMPLETED");
    invariants.afterFault(List.of(debt));
    assertThat(commitments(debt)).isEqualTo(1);
    assertThat(api.count(debt, Api.type("COMMITMENT_RECORDED"))).isEqualTo(1);
  }

  /** F1, after the commit, on a plain job worker: the promise is recorded once and the case monitors it. */
  @Test
  void aWorkerKilledAfterItsCommitIsReplacedAndThePromiseIsRecordedOnce() {
    String debt = debtInNegotiation();
    ActivatedJob job;
    try (DeadWorker dying = DeadWorker.takeOver(app, JobTypes.RECORD_COMMITMENT)) {
      api.completeTaskOk(debt, NEGOTIATE, promise());
      job = dying.activate(debt, Duration.ofSeconds(2));
      record(job); // committed; the worker dies before it completes the job
      assertThat(commitments(debt)).isEqualTo(1);
    }
    api.awaitStage(debt, "MONITORING");
    assertThat(invariants.jobHistory(job.getKey())).contains("EVENT TIMED_OUT", "EVENT COMPLETED");
    invariants.afterFault(List.of(debt));
    assertThat(commitments(debt)).isEqualTo(1);
    assertThat(api.count(debt, Api.type("COMMITMENT_RECORDED"))).isEqualTo(1);
  }

  /**
   * F2: the job's timeout (1 s) is shorter than the handler: it is still in its transaction when the engine
   * hands the job to the application's worker, which runs the same handler meanwhile. One promise is
   * recorded (the database's unique key refuses the second), the job completes once, and the late worker's
   * completion (or its failure report) is refused by the engine without harm.
   */
  @Test
  void aHandlerOutlivingItsJobTimeoutRecordsThePromiseOnceAndTheLateCompletionIsRefused() {
    String debt = debtInNegotiation();
    ActivatedJob job;
    Map<String, Object> mine = null;
    RuntimeException lost = null;
    try (DeadWorker slow = DeadWorker.takeOver(app, JobTypes.RECORD_COMMITMENT)) {
      api.completeTaskOk(debt, NEGOTIATE, promise());
      job = slow.activate(debt, Duration.ofSeconds(1));
      slow.close(); // the application's worker is up: it gets the job as soon as the engine times it out
      long key = job.getKey();
      try {
        mine = tx.execute(status -> {
          Map<String, Object> variables = record(job);
          // the handler is slow: its transaction stays open past the timeout, while the other runs the job
          await().atMost(Duration.ofSeconds(30)).until(() -> invariants.jobHistory(key).contains("EVENT TIMED_OUT"));
          sleep(1500);
          return variables;
        });
      } catch (org.springframework.dao.DataIntegrityViolationException e) {
        lost = e; // the other committed the promise first: the unique key refuses ours
      }
    }
    // what a worker does when its handler returns: complete the job, or report the failure (JobFailurePolicy)
    ClientStatusException refused = null;
    try {
      if (lost == null) {
        client.newCompleteCommand(job.getKey()).variables(mine).send().join();
      } else {
        client.newFailCommand(job.getKey()).retries(job.getRetries() - 1).errorMessage(lost.toString()).send().join();
      }
    } catch (ClientStatusException e) {
      refused = e;
    }
    api.awaitStage(debt, "MONITORING");
    invariants.afterFault(List.of(debt));
    List<String> history = invariants.jobHistory(job.getKey());
    assertThat(history).contains("EVENT TIMED_OUT");
    assertThat(history.stream().filter("EVENT COMPLETED"::equals).count()).as(history.toString()).isEqualTo(1);
    if (lost != null || refused != null) { // the application's worker completed first: our late command is refused
      assertThat(refused).as("the late worker's command").isNotNull();
      assertThat(refused.getStatus().getCode()).as(refused.toString()).isEqualTo(Status.Code.NOT_FOUND);
    } else { // ours came first: the application's worker's own completion or failure was the refused one
      assertThat(history).as(history.toString()).anyMatch(h -> h.startsWith("COMMAND_REJECTION"));
    }
    assertThat(commitments(debt)).as("promises recorded").isEqualTo(1);
    assertThat(api.count(debt, Api.type("COMMITMENT_RECORDED"))).isEqualTo(1);
  }

  private Map<String, Object> record(ActivatedJob job) {
    try {
      return recordCommitment.record(job);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Object> promise() {
    return Map.of("outcome", "PROMISE_TO_PAY", "promiseAmount", 5000, "promiseDate", api.dateInDays(5));
  }

  /** A high-value case at its negotiation task (one reminder, then negotiation three days later). */
  private String debtInNegotiation() {
    String debt = api.createDebt(debtInDaytime("12000.00"));
    api.awaitTimeline(debt, Api.type("CONTACT"));
    api.advance("P3D");
    api.awaitTask(debt, NEGOTIATE);
    return debt;
  }

  /**
   * A debtor whose local time is midday now, whatever the shared simulated clock has come to: the governor
   * allows the automated contact at once instead of deferring it to the morning.
   */
  private Map<String, Object> debtInDaytime(String principal) {
    Instant now = Instant.parse(api.get("/api/simulation/clock").getBody().get("now").asText());
    int hour = now.atOffset(ZoneOffset.UTC).getHour();
    int offset = 12 - hour; // local = UTC + offset
    if (offset > 12) {
      offset -= 24;
    } else if (offset < -11) {
      offset += 24;
    }
    String zone = offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset); // POSIX signs
    return Api.debtRequest(principal, api.dateInDays(-20), "PERSONAL_LOAN", zone, "US-NY");
  }

  private long messages(String debt) {
    return invariants.count("select count(*) from contact_message where debt_id = ?::uuid", debt);
  }

  private long commitments(String debt) {
    return invariants.count("select count(*) from commitment where debt_id = ?::uuid", debt);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
