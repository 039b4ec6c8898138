package org.opencollections.decision;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.client.ZeebeClient;
import java.util.HashMap;
import java.util.Map;

/** Evaluates a table from dmn/ on Zeebe Process Test's engine, exactly as the processes will. */
final class DecisionTable {

  private static final ObjectMapper JSON = new ObjectMapper();

  record Result(Map<String, Object> outputs, String ruleId) {}

  private DecisionTable() {}

  static void deploy(ZeebeClient client, String file) {
    client.newDeployResourceCommand().addResourceFile("dmn/" + file).send().join();
  }

  static Result evaluate(ZeebeClient client, String decisionId, Map<String, Object> facts) throws Exception {
    var response = client.newEvaluateDecisionCommand().decisionId(decisionId).variables(facts).send().join();
    Map<String, Object> outputs = JSON.readValue(response.getDecisionOutput(), new TypeReference<>() {});
    var rules = response.getEvaluatedDecisions().getFirst().getMatchedRules();
    return new Result(outputs, rules.isEmpty() ? null : rules.getFirst().getRuleId());
  }

  /** The facts CaseFacts supplies, with neutral values, overridden by {@code given}. */
  static Map<String, Object> facts(Object... given) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("balance", 500);
    facts.put("currency", "USD");
    facts.put("daysPastDue", 30);
    facts.put("product", "PERSONAL_LOAN");
    facts.put("brokenCommitments", 0);
    facts.put("keptCommitments", 0);
    facts.put("escalationCount", 0);
    facts.put("legalOutcome", null);
    facts.put("timeBarred", false);
    facts.put("holdKind", null);
    for (int i = 0; i < given.length; i += 2) {
      facts.put((String) given[i], given[i + 1]);
    }
    return facts;
  }
}
