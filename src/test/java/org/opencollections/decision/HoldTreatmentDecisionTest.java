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

/** dmn/hold-treatment.dmn, one row per rule (first match wins), the catch-all last. */
@ZeebeProcessTest
@Order(0) // before the shared application starts its engine: one engine at a time
class HoldTreatmentDecisionTest {

  ZeebeTestEngine engine;
  ZeebeClient client;

  @BeforeEach
  void deploy() {
    DecisionTable.deploy(client, "hold-treatment.dmn");
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        Arguments.of("BANKRUPTCY", "Rule_Bankruptcy", false, "LEGAL", null),
        Arguments.of("DECEASED", "Rule_Deceased", false, "WRITE_OFF", null),
        Arguments.of("HARDSHIP", "Rule_Hardship", true, "NEGOTIATION", null),
        Arguments.of("CEASE_COMMUNICATION", "Rule_Cease", true, "NEGOTIATION", "cease-confirmation"),
        Arguments.of("DISPUTE", "Rule_WaitAndNegotiate", true, "NEGOTIATION", null),
        Arguments.of("BREATHING_SPACE", "Rule_WaitAndNegotiate", true, "NEGOTIATION", null));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("rules")
  void treatsEachHold(String kind, String rule, boolean wait, String resumeAt, String confirmation) throws Exception {
    var result = DecisionTable.evaluate(client, "hold-treatment", Map.of("holdKind", kind));

    assertThat(result.ruleId()).isEqualTo(rule);
    assertThat(result.outputs()).containsEntry("waitForRelease", wait).containsEntry("resumeAt", resumeAt)
        .containsEntry("confirmation", confirmation);
  }
}
