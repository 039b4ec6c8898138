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

/** dmn/debt-segmentation.dmn, one row per rule (first match wins), the catch-all last. */
@ZeebeProcessTest
@Order(0) // before the shared application starts its engine: one engine at a time
class DebtSegmentationDecisionTest {

  ZeebeTestEngine engine;
  ZeebeClient client;

  @BeforeEach
  void deploy() {
    DecisionTable.deploy(client, "debt-segmentation.dmn");
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        // balance, broken, dpd → rule, segment, strategy, channel, reminders, interval, priority, reason
        Arguments.of(10000, 3, 200, "Rule_HighValue", "HIGH_VALUE", "early-personal-contact", "EMAIL", 1, "P3D", 90,
            "Large balance: reach the debtor early and personally"),
        Arguments.of(9999.99, 2, 10, "Rule_HighRisk", "HIGH_RISK", "firm", "LETTER", 1, "P5D", 75,
            "Repeatedly broken commitments"),
        Arguments.of(50, 1, 90, "Rule_LateStage", "LATE_STAGE", "firm", "LETTER", 1, "P5D", 70,
            "Already 90+ days past due"),
        Arguments.of(1000, 1, 89, "Rule_Standard", "STANDARD", "standard", "EMAIL", 2, "P7D", 50,
            "Mid-size balance: standard cadence"),
        Arguments.of(99.99, 0, 5, "Rule_LowBalance", "LOW_BALANCE", "digital-self-cure", "SMS", 3, "P7D", 30,
            "Small balance: digital reminders, never dropped"),
        Arguments.of(100, 0, 5, "Rule_Default", "STANDARD", "standard", "EMAIL", 3, "P7D", 40, "Default treatment"));
  }

  @ParameterizedTest(name = "balance {0}, broken {1}, {2} DPD → {3}")
  @MethodSource("rules")
  void segmentsEveryDebt(
      Number balance, int broken, int dpd, String rule, String segment, String strategy, String channel,
      int reminders, String interval, int priority, String reason) throws Exception {
    var result =
        DecisionTable.evaluate(
            client, "debt-segmentation",
            DecisionTable.facts("balance", balance, "brokenCommitments", broken, "daysPastDue", dpd));

    assertThat(result.ruleId()).isEqualTo(rule);
    assertThat(result.outputs())
        .isEqualTo(
            Map.of(
                "segment", segment,
                "strategy", strategy,
                "channel", channel,
                "reminderCount", reminders,
                "reminderInterval", interval,
                "priority", priority,
                "reason", reason));
  }
}
