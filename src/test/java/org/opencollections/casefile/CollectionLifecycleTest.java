package org.opencollections.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencollections.support.Api.stageChangedTo;
import static org.opencollections.support.Api.type;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * Every path of bpmn/debt-collection.bpmn, driven through the HTTP API against the real in-process engine
 * and PostgreSQL, with the simulated clock standing in for days and weeks.
 */
@CollectionsTest
@Order(10)
class CollectionLifecycleTest {

  static final String NEGOTIATE = "Task_NegotiateWithDebtor";
  static final String APPROVE_SETTLEMENT = "Task_ApproveSettlement";
  static final String APPROVE_REFERRAL = "Task_ApproveLegalReferral";
  static final String APPROVE_WRITE_OFF = "Task_ApproveWriteOff";

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(http);
  }

  /** A large balance gets one soft reminder, three days apart from negotiation (debt-segmentation rule 1). */
  String debtInNegotiation() {
    String debt = api.createDebt("12000.00", api.dateInDays(-20), "PERSONAL_LOAN");
    api.awaitTimeline(debt, type("CONTACT"));
    api.advance("P3D");
    api.awaitTask(debt, NEGOTIATE);
    return debt;
  }

  @Test
  void softRemindersFollowTheSegmentsCadenceAndAFullPaymentEndsTheCase() {
    String debt = api.createDebt("1500.00", api.dateInDays(-20), "PERSONAL_LOAN");
    JsonNode segmentation = api.awaitTimeline(debt, type("DECISION"));
    assertThat(segmentation.get("details").get("decisionId").asText()).isEqualTo("debt-segmentation");
    assertThat(segmentation.get("details").get("outputs").get("segment").asText()).isEqualTo("STANDARD");
    assertThat(segmentation.get("details").get("matchedRules").get(0).get("ruleId").asText()).isNotBlank();
    assertThat(segmentation.get("details").get("decisionVersion").asInt()).isPositive();
    api.awaitTimeline(debt, type("CONTACT"));
    assertThat(api.count(debt, type("CONTACT"))).isEqualTo(1);

    api.advance("P7D");
    org.awaitility.Awaitility.await().atMost(Api.PATIENCE).until(() -> api.count(debt, type("CONTACT")) == 2);

    ResponseEntity<JsonNode> paid = api.pay(debt, "PAY-" + UUID.randomUUID(), "1500.00");
    assertThat(paid.getStatusCode().value()).isEqualTo(201);
    JsonNode closed = api.awaitStatus(debt, "PAID");
    assertThat(closed.get("stage").asText()).isEqualTo("CLOSED");
    assertThat(closed.get("balance").asText()).isEqualTo("0.00");

    api.advance("P7D");
    assertThat(api.count(debt, type("CONTACT"))).as("no reminder after the case closed").isEqualTo(2);
    assertThat(api.count(debt, type("TASK_OPENED"))).isZero();
  }

  @Test
  void aKeptPromiseReturnsTheCaseToNegotiationAndThePaymentInFullClosesIt() {
    String debt = debtInNegotiation();
    api.completeTaskOk(
        debt, NEGOTIATE, Map.of("outcome", "PROMISE_TO_PAY", "promiseAmount", 6000, "promiseDate", api.dateInDays(5)));
    api.awaitTimeline(debt, type("COMMITMENT_RECORDED"));
    api.awaitStage(debt, "MONITORING");

    api.pay(debt, "PAY-" + UUID.randomUUID(), "6000.00");
    api.advance("P10D");

    JsonNode kept = api.awaitTimeline(debt, type("INSTALMENT_PAID"));
    assertThat(kept.get("details").get("required").asText()).isEqualTo("6000.00");
    api.awaitTask(debt, NEGOTIATE);
    assertThat(jdbc.queryForObject(
            "select status from commitment where debt_id = ?", String.class, UUID.fromString(debt)))
        .isEqualTo("KEPT");

    api.pay(debt, "PAY-" + UUID.randomUUID(), "6000.00");
    api.awaitStatus(debt, "PAID");
  }

  @Test
  void aBrokenPromiseEscalatesToAFinalNoticeAndBackToNegotiation() {
    String debt = debtInNegotiation();
    api.completeTaskOk(
        debt, NEGOTIATE, Map.of("outcome", "PROMISE_TO_PAY", "promiseAmount", 6000, "promiseDate", api.dateInDays(5)));
    api.awaitStage(debt, "MONITORING");

    api.advance("P10D");

    api.awaitTimeline(debt, type("INSTALMENT_MISSED"));
    JsonNode escalation =
        api.awaitTimeline(
            debt, e -> type("DECISION").test(e) && "escalation-policy".equals(e.get("details").get("decisionId").asText()));
    assertThat(escalation.get("details").get("outputs").get("nextTreatment").asText()).isEqualTo("FINAL_NOTICE");
    assertThat(escalation.get("details").get("inputs").get("brokenCommitments").asInt()).isEqualTo(1);
    api.awaitTimeline(debt, stageChangedTo("ESCALATION"));
    api.awaitTimeline(debt, e -> type("CONTACT").test(e) && "final-notice".equals(e.get("details").get("template").asText()));

    api.advance("P10D");
    api.awaitTask(debt, NEGOTIATE);
    api.awaitStage(debt, "NEGOTIATION");
  }

  @Test
  void aPaymentPlanPaidToTheEndIsKept() {
    String debt = debtInNegotiation();
    api.completeTaskOk(
        debt,
        NEGOTIATE,
        Map.of(
            "outcome", "PAYMENT_PLAN", "planInstalmentAmount", 3000, "planInstalmentCount", 2,
            "planFirstDueDate", api.dateInDays(5), "planIntervalDays", 30,
            "declaredMonthlyIncome", 5200, "declaredMonthlyExpenses", 1900));
    JsonNode plan = api.awaitTimeline(debt, type("COMMITMENT_RECORDED"));
    assertThat(plan.get("details").get("instalments")).hasSize(2);

    api.pay(debt, "PAY-" + UUID.randomUUID(), "3000.00");
    api.advance("P10D");
    api.awaitTimeline(debt, type("INSTALMENT_PAID"));
    api.pay(debt, "PAY-" + UUID.randomUUID(), "3000.00");
    api.advance("P30D");

    org.awaitility.Awaitility.await().atMost(Api.PATIENCE).until(() -> api.count(debt, type("INSTALMENT_PAID")) == 2);
    api.awaitTask(debt, NEGOTIATE);
    assertThat(api.debt(debt).get("balance").asText()).isEqualTo("6000.00");
  }

  @Test
  void aMissedInstalmentBreaksThePlanAndEscalates() {
    String debt = debtInNegotiation();
    api.completeTaskOk(
        debt,
        NEGOTIATE,
        Map.of(
            "outcome", "PAYMENT_PLAN", "planInstalmentAmount", 3000, "planInstalmentCount", 3,
            "planFirstDueDate", api.dateInDays(5), "declaredMonthlyIncome", 4000, "declaredMonthlyExpenses", 500));
    api.awaitStage(debt, "MONITORING");
    api.pay(debt, "PAY-" + UUID.randomUUID(), "3000.00");
    api.advance("P10D");
    api.awaitTimeline(debt, type("INSTALMENT_PAID"));

    api.advance("P30D");

    JsonNode missed = api.awaitTimeline(debt, type("INSTALMENT_MISSED"));
    assertThat(missed.get("details").get("instalment").asInt()).isEqualTo(2);
    api.awaitTimeline(debt, stageChangedTo("ESCALATION"));
    assertThat(jdbc.queryForObject("select status from commitment where debt_id = ?", String.class, UUID.fromString(debt)))
        .isEqualTo("BROKEN");
  }

  @Test
  void anApprovedSettlementPaidOnTimeSettlesTheCase() {
    String debt = debtInNegotiation();
    api.completeTaskOk(
        debt, NEGOTIATE, Map.of("outcome", "SETTLEMENT", "settlementAmount", 8000, "settlementDueDate", api.dateInDays(7)));
    JsonNode approval = api.awaitTask(debt, APPROVE_SETTLEMENT);
    assertThat(approval.get("candidateGroup").asText()).isEqualTo("supervisors");
    // a third off is above an operator's authority: operators neither see nor complete the approval
    assertThat(api.as("operator").get("/api/tasks").getBody())
        .noneMatch(t -> t.get("id").asLong() == approval.get("id").asLong());
    assertThat(api.as("operator").completeTask(approval, Map.of("settlementApproved", true)).getStatusCode().value())
        .isEqualTo(403);
    api.as("supervisor").completeTaskOk(debt, APPROVE_SETTLEMENT, Map.of("settlementApproved", true));
    api.awaitStage(debt, "MONITORING");

    api.pay(debt, "PAY-" + UUID.randomUUID(), "8000.00");
    api.advance("P11D");

    JsonNode settled = api.awaitStatus(debt, "SETTLED");
    assertThat(settled.get("balance").asText()).isEqualTo("0.00");
    assertThat(jdbc.queryForObject(
            "select amount from posting where debt_id = ? and kind = 'SETTLEMENT_DISCOUNT'", java.math.BigDecimal.class,
            UUID.fromString(debt)))
        .isEqualByComparingTo("4000.00");
  }

  @Test
  void aSettlementWithinTheOperatorsAuthorityStandsWithoutApproval() {
    String debt = debtInNegotiation();
    api.pay(debt, "PAY-" + UUID.randomUUID(), "8000.00"); // 4,000 left
    api.completeTaskOk(
        debt, NEGOTIATE, Map.of("outcome", "SETTLEMENT", "settlementAmount", 3700, "settlementDueDate", api.dateInDays(7)));

    JsonNode authority =
        api.awaitTimeline(debt, e -> type("DECISION").test(e) && "settlement-authority".equals(e.get("details").get("decisionId").asText()));
    assertThat(authority.get("details").get("matchedRules").get(0).get("ruleId").asText()).isEqualTo("Rule_OperatorAuthority");
    assertThat(authority.get("details").get("inputs").get("settlementDiscountPercent").asText()).isEqualTo("7.50");
    api.awaitStage(debt, "MONITORING");
    assertThat(api.get("/api/tasks").getBody()).noneMatch(t -> t.path("debtId").asText().equals(debt));
  }

  @Test
  void aPromiseKeepsItsOwnToleranceAndGrace() {
    String debt = debtInNegotiation();
    api.completeTaskOk(
        debt, NEGOTIATE,
        Map.of("outcome", "PROMISE_TO_PAY", "promiseAmount", 1000, "promiseDate", api.dateInDays(2),
            "promiseTolerancePercent", 5, "promiseGraceDays", 1));
    api.awaitStage(debt, "MONITORING");
    api.pay(debt, "PAY-" + UUID.randomUUID(), "950.00"); // 5 % short: within the promise's tolerance
    api.advance("P4D"); // due date + 1 grace day has passed
    JsonNode kept = api.awaitTimeline(debt, type("INSTALMENT_PAID"));
    assertThat(new java.math.BigDecimal(kept.get("details").get("required").asText())).isEqualByComparingTo("950.00");
    assertThat(jdbc.queryForObject("select grace_days from commitment where debt_id = ?", Integer.class, UUID.fromString(debt)))
        .isEqualTo(1);
  }

  @Test
  void aDeclinedSettlementGoesBackToNegotiation() {
    String debt = debtInNegotiation();
    api.completeTaskOk(
        debt, NEGOTIATE, Map.of("outcome", "SETTLEMENT", "settlementAmount", 5000, "settlementDueDate", api.dateInDays(7)));
    api.completeTaskOk(debt, APPROVE_SETTLEMENT, Map.of("settlementApproved", false));

    api.awaitTask(debt, NEGOTIATE);
    assertThat(api.count(debt, type("TASK_OPENED"))).isEqualTo(3);
  }

  /** Three rounds without contact: the third escalation of a large balance refers it to counsel (rule 5). */
  String debtReferredToCounsel() {
    String debt = debtInNegotiation();
    for (int round = 1; round <= 3; round++) {
      api.completeTaskOk(debt, NEGOTIATE, Map.of("outcome", "NO_CONTACT"));
      if (round < 3) {
        int decisions = round;
        org.awaitility.Awaitility.await()
            .atMost(Api.PATIENCE)
            .until(() -> api.count(debt, e -> type("TASK_OPENED").test(e)) == decisions + 1);
      }
    }
    JsonNode approval = api.awaitTask(debt, APPROVE_REFERRAL);
    assertThat(approval.get("candidateGroup").asText()).isEqualTo("supervisors");
    api.awaitStage(debt, "LEGAL");
    api.completeTaskOk(debt, APPROVE_REFERRAL, Map.of("legalReferralApproved", true));
    api.awaitTimeline(debt, type("LEGAL_REFERRAL"));
    assertThat(jdbc.queryForObject(
            "select count(*) from counsel_outbox o join legal_referral r on r.id = o.referral_id where r.debt_id = ?",
            Integer.class, UUID.fromString(debt)))
        .isEqualTo(1);
    return debt;
  }

  @Test
  void aJudgmentFromCounselSendsTheCaseBackToCollection() {
    String debt = debtReferredToCounsel();

    ResponseEntity<JsonNode> reported = api.post("/api/debts/" + debt + "/legal-outcome", Map.of("outcome", "JUDGMENT"));

    assertThat(reported.getStatusCode().value()).isEqualTo(200);
    api.awaitTimeline(debt, type("LEGAL_OUTCOME"));
    api.awaitTask(debt, NEGOTIATE);
    assertThat(api.post("/api/debts/" + debt + "/legal-outcome", Map.of("outcome", "SETTLED")).getStatusCode().value())
        .isEqualTo(409);
  }

  @Test
  void counselSettlingTheCaseClosesIt() {
    String debt = debtReferredToCounsel();
    api.post("/api/debts/" + debt + "/legal-outcome", Map.of("outcome", "SETTLED"));
    api.awaitStatus(debt, "SETTLED");
  }

  @Test
  void anUncollectibleCaseIsWrittenOffAfterApproval() {
    String debt = debtReferredToCounsel();
    api.post("/api/debts/" + debt + "/legal-outcome", Map.of("outcome", "UNCOLLECTIBLE"));

    api.awaitTask(debt, APPROVE_WRITE_OFF);
    api.completeTaskOk(debt, APPROVE_WRITE_OFF, Map.of("writeOffApproved", true));

    JsonNode writtenOff = api.awaitStatus(debt, "WRITTEN_OFF");
    assertThat(writtenOff.get("balance").asText()).isEqualTo("0.00");
  }

  @Test
  void anOldCreditCardDebtIsWrittenOffWhenTheSupervisorApproves() {
    String debt = api.createDebt("1500.00", api.dateInDays(-200), "CREDIT_CARD");
    JsonNode segmentation = api.awaitTimeline(debt, type("DECISION"));
    assertThat(segmentation.get("details").get("outputs").get("segment").asText()).isEqualTo("LATE_STAGE");
    api.awaitTimeline(debt, type("CONTACT")); // the reminder interval starts once the reminder is out
    api.advance("P5D");
    api.completeTaskOk(debt, NEGOTIATE, Map.of("outcome", "NO_CONTACT"));

    JsonNode decision =
        api.awaitTimeline(
            debt, e -> type("DECISION").test(e) && "write-off-policy".equals(e.get("details").get("decisionId").asText()));
    assertThat(decision.get("details").get("outputs").get("writeOff").asBoolean()).isTrue();
    api.completeTaskOk(debt, APPROVE_WRITE_OFF, Map.of("writeOffApproved", true));

    JsonNode writtenOff = api.awaitStatus(debt, "WRITTEN_OFF");
    assertThat(writtenOff.get("balance").asText()).isEqualTo("0.00");
    assertThat(jdbc.queryForObject(
            "select amount from posting where debt_id = ? and kind = 'WRITE_OFF'", java.math.BigDecimal.class,
            UUID.fromString(debt)))
        .isEqualByComparingTo("1500.00");
  }

  @Test
  void aDeclinedWriteOffGoesBackToNegotiation() {
    String debt = api.createDebt("1500.00", api.dateInDays(-200), "CREDIT_CARD");
    api.awaitTimeline(debt, type("CONTACT"));
    api.advance("P5D");
    api.completeTaskOk(debt, NEGOTIATE, Map.of("outcome", "NO_CONTACT"));
    api.completeTaskOk(debt, APPROVE_WRITE_OFF, Map.of("writeOffApproved", false));

    api.awaitTask(debt, NEGOTIATE);
    assertThat(api.debt(debt).get("status").asText()).isEqualTo("OPEN");
  }

  String hold(String debt, String kind) {
    ResponseEntity<JsonNode> hold = api.post("/api/debts/" + debt + "/holds", Map.of("kind", kind));
    assertThat(hold.getStatusCode().value()).isEqualTo(201);
    api.awaitTimeline(debt, Api.stageChangedTo("ON_HOLD"));
    return "/api/debts/" + debt + "/holds/" + hold.getBody().get("id").asText();
  }

  @Test
  void aDisputeStopsTheCaseUntilVerificationThenNegotiationResumes() {
    String debt = debtInNegotiation();
    String hold = hold(debt, "DISPUTE");
    JsonNode treatment =
        api.awaitTimeline(debt, e -> type("DECISION").test(e) && "hold-treatment".equals(e.get("details").get("decisionId").asText()));
    assertThat(treatment.get("details").get("outputs").get("waitForRelease").asBoolean()).isTrue();
    long dpd = api.debt(debt).get("daysPastDue").asLong();

    api.advance("P10D");
    assertThat(api.debt(debt).get("daysPastDue").asLong()).as("the clock stops on hold").isEqualTo(dpd);
    assertThat(api.debt(debt).get("stage").asText()).isEqualTo("ON_HOLD");

    assertThat(api.post(hold + "/verification", Map.of()).getStatusCode().value()).isEqualTo(200);
    api.awaitTask(debt, NEGOTIATE);
    api.awaitStage(debt, "NEGOTIATION");
    assertThat(api.count(debt, type("TASK_OPENED"))).isEqualTo(2);
  }

  @Test
  void bankruptcyGoesToLegalAtOnce() {
    String debt = debtInNegotiation();
    hold(debt, "BANKRUPTCY");
    api.awaitTask(debt, APPROVE_REFERRAL);
    api.awaitStage(debt, "LEGAL");
  }

  @Test
  void aDeceasedDebtorsCaseGoesToWriteOffReview() {
    String debt = debtInNegotiation();
    hold(debt, "DECEASED");
    JsonNode decision =
        api.awaitTimeline(debt, e -> type("DECISION").test(e) && "write-off-policy".equals(e.get("details").get("decisionId").asText()));
    assertThat(decision.get("details").get("matchedRules").get(0).get("ruleId").asText()).isEqualTo("Rule_Deceased");
    api.awaitTask(debt, APPROVE_WRITE_OFF);
  }

  @Test
  void aBreathingSpaceEndsByItselfAfterSixtyDays() {
    String debt = debtInNegotiation();
    hold(debt, "BREATHING_SPACE");
    api.advance("P61D");
    api.awaitTimeline(debt, type("HOLD_RELEASED"));
    api.awaitTask(debt, NEGOTIATE);
    assertThat(api.debt(debt).get("stage").asText()).isEqualTo("NEGOTIATION");
  }
}
