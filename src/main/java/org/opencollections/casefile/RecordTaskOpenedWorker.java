package org.opencollections.casefile;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import java.util.UUID;
import org.opencollections.engine.JobTypes;
import org.opencollections.engine.Models;
import org.springframework.stereotype.Component;

/** Start listener on every user task: the timeline shows when work was asked of a person. */
@Component
public class RecordTaskOpenedWorker {

  private final CaseProgress progress;
  private final Models models;

  RecordTaskOpenedWorker(CaseProgress progress, Models models) {
    this.progress = progress;
    this.models = models;
  }

  @JobWorker(type = JobTypes.RECORD_TASK_OPENED, fetchVariables = "debtId")
  public void record(ActivatedJob job, @Variable String debtId) {
    progress.taskOpened(
        UUID.fromString(debtId), models.nameOf(job.getElementId()), Map.of("elementId", job.getElementId()),
        "task-opened:" + job.getElementInstanceKey());
  }
}
