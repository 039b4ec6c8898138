package org.opencollections.decision;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import java.util.UUID;
import org.opencollections.process.JobTypes;
import org.springframework.stereotype.Component;

/**
 * Implements every business rule task: the task's headers name the decision and the variable that
 * receives its outputs. The engine evaluates the table; the worker records why.
 */
@Component
public class EvaluateDecisionWorker {

  private final Decisions decisions;

  EvaluateDecisionWorker(Decisions decisions) {
    this.decisions = decisions;
  }

  @JobWorker(type = JobTypes.EVALUATE_DECISION, fetchVariables = "debtId")
  public Map<String, Object> evaluate(ActivatedJob job, @Variable String debtId) {
    String decisionId = header(job, "decisionId");
    String resultVariable = header(job, "resultVariable");
    Map<String, Object> outputs =
        decisions.decide(UUID.fromString(debtId), decisionId, resultVariable, "decision:" + job.getElementInstanceKey());
    return Map.of(resultVariable, outputs);
  }

  private static String header(ActivatedJob job, String name) {
    String value = job.getCustomHeaders().get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("Task " + job.getElementId() + " has no '" + name + "' header");
    }
    return value;
  }
}
