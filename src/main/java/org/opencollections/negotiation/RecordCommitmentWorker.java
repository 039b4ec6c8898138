package org.opencollections.negotiation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import java.util.UUID;
import org.opencollections.process.JobTypes;
import org.opencollections.timeline.CaseEventType;
import org.opencollections.timeline.Timeline;
import org.springframework.stereotype.Component;

/**
 * Records the promise, plan or settlement offer from the negotiation form and hands the process its
 * instalment schedule to monitor. The task's header {@code commitmentType} says which. The commitment is the
 * collector's who completed the negotiation task, not the process's: this job follows that task at once, so
 * the case's newest task completion in the timeline (written by the task's end listener before the process
 * went on) names them; a task completed in Tasklist names nobody, and the commitment's actor stays unknown.
 */
@Component
public class RecordCommitmentWorker {

  private final Commitments commitments;
  private final ObjectMapper json;
  private final Timeline timeline;

  RecordCommitmentWorker(Commitments commitments, ObjectMapper json, Timeline timeline) {
    this.commitments = commitments;
    this.json = json;
    this.timeline = timeline;
  }

  @JobWorker(type = JobTypes.RECORD_COMMITMENT)
  public Map<String, Object> record(ActivatedJob job) throws JsonProcessingException {
    CommitmentKind kind = CommitmentKind.valueOf(job.getCustomHeaders().get("commitmentType"));
    // read from the JSON text so that amounts arrive as exact decimals
    NegotiationOutcome outcome = json.readValue(job.getVariables(), NegotiationOutcome.class);
    UUID debtId = UUID.fromString(json.readTree(job.getVariables()).path("debtId").asText());
    String negotiator =
        timeline.newest(debtId, CaseEventType.TASK_COMPLETED)
            .map(details -> details.get("completedBy") instanceof String user ? user : null)
            .orElse(null);
    Commitment commitment =
        commitments.record(debtId, kind, outcome, "commitment:" + job.getElementInstanceKey(), negotiator);
    return Map.of(
        "commitmentId", commitment.id().toString(),
        "instalments", Commitments.instalmentVariables(commitment.instalments()));
  }
}
