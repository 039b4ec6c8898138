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
        Arguments.of("BANKRUPTCY", null, "Rule_Bankruptcy", true, false, "LEGAL", null),
        Arguments.of("DECEASED", null, "Rule_Deceased", true, false, "WRITE_OFF", null),
        Arguments.of("HARDSHIP", null, "Rule_Hardship", true, true, "NEGOTIATION", null),
        Arguments.of("CEASE_COMMUNICATION", null, "Rule_Cease", true, true, "NEGOTIATION", "cease-confirmation"),
        // 12 CFR 1006.38(d)(2): in writing within the validation period, collection stops until verification
        Arguments.of("DISPUTE", true, "Rule_DisputeInTime", true, true, "NEGOTIATION", null),
        // beyond the law the table as delivered does nothing: an oral or late dispute is noted, collection goes on
        Arguments.of("DISPUTE", false, "Rule_DisputeBeyondTheLaw", false, false, null, null),
        // a dispute whose legal standing is not known is held, the strictest reading
        Arguments.of("DISPUTE", null, "Rule_WaitAndNegotiate", true, true, "NEGOTIATION", null),
        Arguments.of("BREATHING_SPACE", null, "Rule_WaitAndNegotiate", true, true, "NEGOTIATION", null));
  }

  @ParameterizedTest(name = "{0}, verification required {1} → {2}")
  @MethodSource("rules")
  void treatsEachHold(String kind, Boolean verificationRequired, String rule, boolean pauses, boolean wait, String resumeAt,
      String confirmation) throws Exception {
    Map<String, Object> in = new java.util.HashMap<>();
    in.put("holdKind", kind);
    in.put("verificationRequired", verificationRequired);
    var result = DecisionTable.evaluate(client, "hold-treatment", in);

    assertThat(result.ruleId()).isEqualTo(rule);
    assertThat(result.outputs()).containsEntry("pausesCollection", pauses).containsEntry("waitForRelease", wait)
        .containsEntry("resumeAt", resumeAt).containsEntry("confirmation", confirmation);
  }

  /** What a cease request stops depends on how it came: the table chooses, per medium. */
  @ParameterizedTest(name = "cease request, {0} → {1}")
  @org.junit.jupiter.params.provider.CsvSource(nullValues = "null", value = {
      // 12 CFR 1006.14(h): orally the debtor stops the medium they name; collection goes on by the others
      "ORAL, Rule_CeaseOral, CHANNEL, false",
      // 15 U.S.C. 1692c(c): a written (or electronic) notice stops all communication but the allowed confirmations
      "WRITTEN, Rule_Cease, ALL, true",
      "ELECTRONIC, Rule_Cease, ALL, true",
      // how it came is not known: the strictest reading
      "null, Rule_Cease, ALL, true"})
  void ceaseScopeFollowsTheMedium_15USC1692c_c_12CFR1006_14h(String medium, String rule, String scope, boolean pauses)
      throws Exception {
    Map<String, Object> in = new java.util.HashMap<>();
    in.put("holdKind", "CEASE_COMMUNICATION");
    in.put("verificationRequired", false);
    in.put("medium", medium);
    var result = DecisionTable.evaluate(client, "hold-treatment", in);

    assertThat(result.ruleId()).isEqualTo(rule);
    assertThat(result.outputs()).containsEntry("ceaseScope", scope).containsEntry("pausesCollection", pauses);
  }
}
