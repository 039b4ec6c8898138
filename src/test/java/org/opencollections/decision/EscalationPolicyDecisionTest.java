package org.opencollections.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** dmn/escalation-policy.dmn, one row per rule (first match wins), the catch-all last. */
@ZeebeProcessTest
@Order(0) // before the shared application starts its engine: one engine at a time
class EscalationPolicyDecisionTest {

  ZeebeTestEngine engine;
  ZeebeClient client;

  @BeforeEach
  void deploy() {
    DecisionTable.deploy(client, "escalation-policy.dmn");
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        // timeBarred, legalOutcome, dpd, balance, broken, escalations → rule, treatment, wait, reason
        Arguments.of(true, null, 30, 50000, 3, 3, "Rule_TimeBarred", "WRITE_OFF_REVIEW", null,
            "Time-barred debt: legal action is never threatened or started"),
        Arguments.of(false, "JUDGMENT", 180, 5000, 0, 0, "Rule_JudgmentUnpaid", "WRITE_OFF_REVIEW", null,
            "Judgment unpaid after 180 days past due"),
        Arguments.of(false, null, 120, 5000, 0, 0, "Rule_ChargeOffAge", "WRITE_OFF_REVIEW", null,
            "Charge-off age reached"),
        Arguments.of(false, null, 119, 1000, 2, 0, "Rule_BrokenLargeBalance", "LEGAL_REFERRAL", null,
            "Large balance with repeatedly broken commitments"),
        Arguments.of(false, null, 60, 1000, 0, 2, "Rule_EscalatedTwice", "LEGAL_REFERRAL", null,
            "Escalated twice without resolution"),
        Arguments.of(false, "JUDGMENT", 179, 5000, 1, 5, "Rule_BrokenCommitment", "FINAL_NOTICE", "P10D",
            "A commitment was broken"),
        Arguments.of(false, null, 60, 999.99, 0, 5, "Rule_CollectorCall", "COLLECTOR_CALL", null,
            "Call the debtor again"));
  }

  @ParameterizedTest(name = "time-barred {0}, legal {1}, {2} DPD, balance {3}, broken {4}, escalations {5} → {6}")
  @MethodSource("rules")
  void choosesTheNextTreatment(
      boolean timeBarred, String legalOutcome, int dpd, Number balance, int broken, int escalations, String rule,
      String treatment, String wait, String reason) throws Exception {
    var result =
        DecisionTable.evaluate(
            client, "escalation-policy",
            DecisionTable.facts(
                "timeBarred", timeBarred, "legalOutcome", legalOutcome, "daysPastDue", dpd, "balance", balance,
                "brokenCommitments", broken, "escalationCount", escalations));

    assertThat(result.ruleId()).isEqualTo(rule);
    assertThat(result.outputs())
        .containsOnlyKeys("nextTreatment", "waitPeriod", "reason")
        .containsEntry("nextTreatment", treatment)
        .containsEntry("waitPeriod", wait)
        .containsEntry("reason", reason);
  }
}
