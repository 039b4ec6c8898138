package org.opencollections.negotiation;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.util.Map;
import java.util.UUID;
import org.opencollections.process.JobTypes;
import org.springframework.stereotype.Component;

/** Runs when an instalment's grace period has passed: was it paid? */
@Component
public class EvaluateCommitmentWorker {

  private final Commitments commitments;

  EvaluateCommitmentWorker(Commitments commitments) {
    this.commitments = commitments;
  }

  @JobWorker(type = JobTypes.EVALUATE_COMMITMENT, fetchVariables = {"commitmentId", "instalment"})
  public Map<String, Object> evaluate(@Variable String commitmentId, @Variable Map<String, Object> instalment) {
    int number = ((Number) instalment.get("number")).intValue();
    return Map.of("instalmentPaid", commitments.checkInstalment(UUID.fromString(commitmentId), number));
  }
}
