package org.opencollections.casefile;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.UUID;
import org.opencollections.process.JobTypes;
import org.opencollections.intake.CaseStatus;
import org.springframework.stereotype.Component;

/** Closes the case with the outcome in the task's {@code outcome} header (PAID or SETTLED). */
@Component
public class CloseCaseWorker {

  private final CaseClosing closing;

  CloseCaseWorker(CaseClosing closing) {
    this.closing = closing;
  }

  @JobWorker(type = JobTypes.CLOSE_CASE, fetchVariables = "debtId")
  public void close(ActivatedJob job, @Variable String debtId) {
    closing.close(UUID.fromString(debtId), CaseStatus.valueOf(job.getCustomHeaders().get("outcome")));
  }
}
