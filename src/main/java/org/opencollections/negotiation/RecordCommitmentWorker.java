package org.opencollections.negotiation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import java.util.UUID;
import org.opencollections.process.JobTypes;
import org.springframework.stereotype.Component;

/**
 * Records the promise, plan or settlement offer from the negotiation form and hands the process its
 * instalment schedule to monitor. The task's header {@code commitmentType} says which.
 */
@Component
public class RecordCommitmentWorker {

  private final Commitments commitments;
  private final ObjectMapper json;

  RecordCommitmentWorker(Commitments commitments, ObjectMapper json) {
    this.commitments = commitments;
    this.json = json;
  }

  @JobWorker(type = JobTypes.RECORD_COMMITMENT)
  public Map<String, Object> record(ActivatedJob job) throws JsonProcessingException {
    CommitmentKind kind = CommitmentKind.valueOf(job.getCustomHeaders().get("commitmentType"));
    // read from the JSON text so that amounts arrive as exact decimals
    NegotiationOutcome outcome = json.readValue(job.getVariables(), NegotiationOutcome.class);
    UUID debtId = UUID.fromString(json.readTree(job.getVariables()).path("debtId").asText());
    Commitment commitment = commitments.record(debtId, kind, outcome, "commitment:" + job.getElementInstanceKey());
    return Map.of(
        "commitmentId", commitment.id().toString(),
        "instalments", Commitments.instalmentVariables(commitment.instalments()));
  }
}
