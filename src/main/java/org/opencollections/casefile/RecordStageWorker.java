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
  private final org.opencollections.models.DeployedModels models;

  RecordStageWorker(CaseProgress progress, org.opencollections.models.DeployedModels models) {
    this.progress = progress;
    this.models = models;
  }

  @JobWorker(type = JobTypes.RECORD_STAGE, fetchVariables = {"debtId", "stage"})
  public void recordStage(ActivatedJob job, @Variable String debtId, @Variable String stage) {
    // which version of the lifecycle moved the case, and exactly which file that was
    var model = models.process(job.getProcessDefinitionKey()).orElse(java.util.Map.of(
        "processId", job.getBpmnProcessId(), "processVersion", job.getProcessDefinitionVersion()));
    progress.enterStage(UUID.fromString(debtId), Stage.valueOf(stage), model, "stage:" + job.getElementInstanceKey());
  }
}
