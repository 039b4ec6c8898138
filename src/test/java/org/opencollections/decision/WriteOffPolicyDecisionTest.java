package org.opencollections.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** dmn/write-off-policy.dmn, one row per rule (first match wins), the catch-all last. */
@ZeebeProcessTest
@Order(0) // before the shared application starts its engine: one engine at a time
class WriteOffPolicyDecisionTest {

  ZeebeTestEngine engine;
  ZeebeClient client;

  @BeforeEach
  void deploy() {
    DecisionTable.deploy(client, "write-off-policy.dmn");
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        // legalOutcome, holdKind, timeBarred, product, dpd, balance → rule, write off, reason
        Arguments.of("UNCOLLECTIBLE", null, false, "PERSONAL_LOAN", 10, 5000, "Rule_Uncollectible", true,
            "Counsel reports the debt uncollectible"),
        Arguments.of(null, "DECEASED", false, "PERSONAL_LOAN", 10, 5000, "Rule_Deceased", true,
            "Debtor deceased: claim against the estate, then charge off"),
        Arguments.of(null, null, true, "PERSONAL_LOAN", 10, 5000, "Rule_TimeBarred", true,
            "Time-barred: recovery is not enforceable"),
        Arguments.of(null, null, false, "CREDIT_CARD", 180, 5000, "Rule_OpenEndChargeOff", true,
            "Open-end credit charged off at 180 days past due (FFIEC)"),
        Arguments.of("JUDGMENT", null, false, "AUTO_LOAN", 120, 5000, "Rule_ClosedEndChargeOff", true,
            "Closed-end credit charged off at 120 days past due (FFIEC)"),
        Arguments.of(null, null, false, "OVERDRAFT", 90, 24.99, "Rule_CostExceedsBalance", true,
            "Recovery would cost more than the balance"),
        Arguments.of(null, null, false, "CREDIT_CARD", 179, 5000, "Rule_KeepCollecting", false,
            "Recovery is still expected"),
        Arguments.of(null, null, false, "PERSONAL_LOAN", 119, 25, "Rule_KeepCollecting", false,
            "Recovery is still expected"));
  }

  @ParameterizedTest(name = "legal {0}, hold {1}, time-barred {2}, {3} at {4} DPD, balance {5} → {6}")
  @MethodSource("rules")
  void decidesWhenRecoveryNoLongerPays(
      String legalOutcome, String holdKind, boolean timeBarred, String product, int dpd, Number balance, String rule,
      boolean writeOff, String reason) throws Exception {
    var result =
        DecisionTable.evaluate(
            client, "write-off-policy",
            DecisionTable.facts(
                "legalOutcome", legalOutcome, "holdKind", holdKind, "timeBarred", timeBarred, "product", product,
                "daysPastDue", dpd, "balance", balance));

    assertThat(result.ruleId()).isEqualTo(rule);
    assertThat(result.outputs()).isEqualTo(Map.of("writeOff", writeOff, "reason", reason));
  }
}
