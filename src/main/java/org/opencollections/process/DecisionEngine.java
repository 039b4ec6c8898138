package org.opencollections.process;

import java.util.List;
import java.util.Map;

/** Evaluates a deployed DMN decision; the engine package implements it. */
public interface DecisionEngine {

  Evaluation evaluate(String decisionId, Map<String, Object> inputs);

  record MatchedRule(String ruleId, int ruleIndex) {}

  /** The outcome of one evaluation: enough to say later exactly which table and which row decided. */
  record Evaluation(
      String decisionId,
      String decisionName,
      int decisionVersion,
      long decisionKey,
      /** SHA-256 of the deployed DMN file, null if this application did not deploy that version. */
      String decisionChecksum,
      Map<String, Object> outputs,
      List<MatchedRule> matchedRules) {}
}
