package org.opencollections.casefile;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.UUID;
import org.opencollections.process.JobTypes;
import org.opencollections.intake.Stage;
import org.springframework.stereotype.Component;

/** Start listener on each stage's first element: the case's stage follows the process. */
@Component
public class RecordStageWorker {

  private final CaseProgress progress;

  RecordStageWorker(CaseProgress progress) {
    this.progress = progress;
  }

  @JobWorker(type = JobTypes.RECORD_STAGE, fetchVariables = {"debtId", "stage"})
  public void recordStage(ActivatedJob job, @Variable String debtId, @Variable String stage) {
    progress.enterStage(UUID.fromString(debtId), Stage.valueOf(stage), "stage:" + job.getElementInstanceKey());
  }
}
