package org.opencollections.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** dmn/settlement-authority.dmn at the edges of each authority, the catch-all last. */
@ZeebeProcessTest
@Order(0) // before the shared application starts its engine: one engine at a time
class SettlementAuthorityDecisionTest {

  ZeebeTestEngine engine;
  ZeebeClient client;

  @BeforeEach
  void deploy() {
    DecisionTable.deploy(client, "settlement-authority.dmn");
  }

  static Stream<Arguments> offers() {
    return Stream.of(
        Arguments.of("10.00", "5000.00", "Rule_OperatorAuthority", false, "operators"),
        Arguments.of("10.01", "5000.00", "Rule_SupervisorAuthority", true, "supervisors"),
        Arguments.of("5.00", "5000.01", "Rule_SupervisorAuthority", true, "supervisors"),
        Arguments.of("40.00", "250000.00", "Rule_SupervisorAuthority", true, "supervisors"),
        Arguments.of("40.01", "1000.00", "Rule_Exceptional", true, "supervisors"),
        Arguments.of(null, "1000.00", "Rule_Exceptional", true, "supervisors"));
  }

  @ParameterizedTest(name = "{0} % off {1} → {2}")
  @MethodSource("offers")
  void decidesWhoMayAgreeASettlement(String discount, String balance, String rule, boolean approval, String group)
      throws Exception {
    Map<String, Object> in = new HashMap<>();
    in.put("settlementDiscountPercent", discount == null ? null : new BigDecimal(discount));
    in.put("balance", new BigDecimal(balance));
    var result = DecisionTable.evaluate(client, "settlement-authority", in);

    assertThat(result.ruleId()).isEqualTo(rule);
    assertThat(result.outputs()).containsEntry("approvalRequired", approval).containsEntry("approverGroup", group);
    assertThat(result.outputs().get("reason")).asString().isNotBlank();
  }
}
