package org.opencollections.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import java.util.Map;
import org.opencollections.models.DeployedModels;
import org.opencollections.models.ModelKind;
import org.opencollections.platform.InvalidInputException;
import org.opencollections.process.DecisionEngine;
import org.springframework.stereotype.Component;

/** Evaluates decisions on the engine that runs the processes, so the deployed version is the one used. */
@Component
class ZeebeDecisionEngine implements DecisionEngine {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final CamundaClient client;
  private final ObjectMapper json;
  private final DeployedModels models;

  ZeebeDecisionEngine(CamundaClient client, ObjectMapper json, DeployedModels models) {
    this.client = client;
    this.json = json;
    this.models = models;
  }

  @Override
  public Evaluation evaluate(String decisionId, Map<String, Object> inputs) {
    var response = client.newEvaluateDecisionCommand().decisionId(decisionId).variables(inputs).send().join();
    if (response.getFailureMessage() != null && !response.getFailureMessage().isBlank()) {
      throw new IllegalStateException("Decision " + decisionId + " failed: " + response.getFailureMessage());
    }
    var evaluated =
        response.getEvaluatedDecisions().stream()
            .filter(d -> d.getDecisionId().equals(decisionId))
            .findFirst()
            .orElseThrow();
    return new Evaluation(
        decisionId,
        response.getDecisionName(),
        response.getDecisionVersion(),
        response.getDecisionKey(),
        models.checksum(ModelKind.DMN, decisionId, response.getDecisionVersion()).orElse(null),
        outputs(response.getDecisionOutput()),
        evaluated.getMatchedRules().stream().map(r -> new MatchedRule(r.getRuleId(), r.getRuleIndex())).toList());
  }

  /** Zeebe's own DMN engine (the one its brokers evaluate with), kept: it is stateless once built. */
  private static final io.camunda.zeebe.dmn.DecisionEngine CANDIDATES =
      io.camunda.zeebe.dmn.DecisionEngineFactory.createDecisionEngine();

  @Override
  public Evaluation evaluateCandidate(byte[] dmn, String decisionId, Map<String, Object> inputs) {
    var drg = CANDIDATES.parse(new java.io.ByteArrayInputStream(dmn));
    if (!drg.isValid()) {
      throw new InvalidInputException("candidateRules", "is not a DMN file the engine can read: " + drg.getFailureMessage());
    }
    var result = CANDIDATES.evaluateDecisionById(drg, decisionId, new io.camunda.zeebe.dmn.impl.VariablesContext(inputs));
    if (result.isFailure()) {
      throw new InvalidInputException("candidateRules", "decision " + decisionId + " failed: " + result.getFailureMessage());
    }
    var evaluated = result.getEvaluatedDecisions().stream()
        .filter(d -> d.decisionId().equals(decisionId))
        .findFirst()
        .orElseThrow(() -> new InvalidInputException("candidateRules", "has no decision " + decisionId));
    return new Evaluation(
        decisionId,
        evaluated.decisionName(),
        0,
        -1,
        DeployedModels.sha256(dmn),
        outputs(io.camunda.zeebe.protocol.impl.encoding.MsgPackConverter.convertToJson(result.getOutput())),
        evaluated.matchedRules().stream().map(r -> new MatchedRule(r.ruleId(), r.ruleIndex())).toList());
  }

  private Map<String, Object> outputs(String output) {
    try {
      return output == null || output.equals("null") ? null : json.readValue(output, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Decision output is not an object: " + output, e);
    }
  }
}
