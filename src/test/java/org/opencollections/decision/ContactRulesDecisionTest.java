package org.opencollections.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** dmn/contact-rules.dmn, one row per rule (first match wins), the catch-all last. */
@ZeebeProcessTest
@Order(0) // before the shared application starts its engine: one engine at a time
class ContactRulesDecisionTest {

  ZeebeTestEngine engine;
  ZeebeClient client;

  @BeforeEach
  void deploy() {
    DecisionTable.deploy(client, "contact-rules.dmn");
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        Arguments.of("US-MA", "US", "CALL", "Rule_Massachusetts", "08:00", "21:00", "CALL,SMS", 2, 7, 2),
        Arguments.of("US-MA", "US", "SMS", "Rule_Massachusetts", "08:00", "21:00", "CALL,SMS", 2, 7, 2),
        Arguments.of("US-MA", "US", "EMAIL", "Rule_UsFederal", "08:00", "21:00", "CALL", 7, 7, null),
        Arguments.of("US-NY-NYC", "US", "CALL", "Rule_NewYorkCity", "08:00", "21:00", "CALL,SMS,EMAIL", 3, 7, null),
        Arguments.of("US-NY-NYC", "US", "EMAIL", "Rule_NewYorkCity", "08:00", "21:00", "CALL,SMS,EMAIL", 3, 7, null),
        Arguments.of("US-NY-NYC", "US", "LETTER", "Rule_UsFederal", "08:00", "21:00", "CALL", 7, 7, null),
        Arguments.of("US-CA", "US", "CALL", "Rule_California", "08:00", "21:00", "CALL", 7, 7, null),
        Arguments.of("US-NY", "US", "CALL", "Rule_UsFederal", "08:00", "21:00", "CALL", 7, 7, null),
        Arguments.of("US-NY", "US", "SMS", "Rule_UsFederal", "08:00", "21:00", "CALL", 7, 7, null),
        Arguments.of("IN", "IN", "CALL", "Rule_India", "08:00", "19:00", "CALL", null, null, null),
        Arguments.of("GB", "GB", "CALL", "Rule_Default", "08:00", "21:00", "CALL", 7, 7, null));
  }

  @ParameterizedTest(name = "{0} {2} → {3}")
  @MethodSource("rules")
  void givesEachJurisdictionItsLimits_12CFR1006_6b1i_1006_14b2_940Cmr_7_04_1f_6Rcny_5_77(
      String jurisdiction, String country, String channel, String rule, String from, String until, String counted, Integer calls,
      Integer daysAfterConversation, Integer callsToDebtor) throws Exception {
    Map<String, Object> in = new HashMap<>(Map.of("jurisdiction", jurisdiction, "country", country, "channel", channel));
    var result = DecisionTable.evaluate(client, "contact-rules", in);

    assertThat(result.ruleId()).isEqualTo(rule);
    assertThat(result.outputs())
        .containsEntry("windowStart", from)
        .containsEntry("windowEnd", until)
        .containsEntry("countedChannels", counted)
        .containsEntry("maxCallsPer7Days", calls)
        .containsEntry("daysAfterConversation", daysAfterConversation)
        .containsEntry("maxDebtorCallsPer7Days", callsToDebtor);
    assertThat(result.outputs().get("ruleSet")).asString().isNotBlank();
  }
}
