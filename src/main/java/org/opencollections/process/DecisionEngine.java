package org.opencollections.process;

import java.util.List;
import java.util.Map;

/** Evaluates a deployed DMN decision; the engine package implements it. */
public interface DecisionEngine {

  Evaluation evaluate(String decisionId, Map<String, Object> inputs);

  /**
   * Evaluates a decision of a DMN file that is not deployed (a candidate table a compliance officer tries
   * before it goes live), with the engine's own DMN engine: version 0, its checksum that of the file given.
   *
   * @throws org.opencollections.platform.InvalidInputException if the file is no valid DMN or lacks the decision
   */
  Evaluation evaluateCandidate(byte[] dmn, String decisionId, Map<String, Object> inputs);

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
