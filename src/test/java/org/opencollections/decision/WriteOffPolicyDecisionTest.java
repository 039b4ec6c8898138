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
        // legalOutcome (or, for the deceased row, the active hold), timeBarred, product, dpd, balance → rule, write off
        Arguments.of("UNCOLLECTIBLE", false, "PERSONAL_LOAN", 10, 5000, "Rule_Uncollectible", true),
        Arguments.of(null, true, "PERSONAL_LOAN", 10, 5000, "Rule_TimeBarred", true),
        Arguments.of("DECEASED", false, "PERSONAL_LOAN", 10, 5000, "Rule_Deceased", true),
        Arguments.of(null, false, "CREDIT_CARD", 180, 5000, "Rule_OpenEndChargeOff", true),
        Arguments.of("JUDGMENT", false, "AUTO_LOAN", 120, 5000, "Rule_ClosedEndChargeOff", true),
        Arguments.of(null, false, "OVERDRAFT", 90, 24.99, "Rule_CostExceedsBalance", true),
        Arguments.of(null, false, "CREDIT_CARD", 179, 5000, "Rule_KeepCollecting", false),
        Arguments.of(null, false, "PERSONAL_LOAN", 119, 25, "Rule_KeepCollecting", false));
  }

  @ParameterizedTest(name = "legal {0}, time-barred {1}, {2} at {3} DPD, balance {4} → {5}")
  @MethodSource("rules")
  void decidesWhenRecoveryNoLongerPays(
      String legalOutcome, boolean timeBarred, String product, int dpd, Number balance, String rule, boolean writeOff)
      throws Exception {
    boolean deceased = "DECEASED".equals(legalOutcome);
    var result =
        DecisionTable.evaluate(
            client, "write-off-policy",
            DecisionTable.facts(
                "legalOutcome", deceased ? null : legalOutcome, "holdKind", deceased ? "DECEASED" : null,
                "timeBarred", timeBarred, "product", product, "daysPastDue", dpd, "balance", balance));

    assertThat(result.ruleId()).isEqualTo(rule);
    assertThat(result.outputs()).containsEntry("writeOff", writeOff);
    assertThat(result.outputs().get("reason")).asString().isNotBlank();
  }
}
