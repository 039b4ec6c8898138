package org.opencollections.casefile;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import java.util.UUID;
import org.opencollections.process.JobTypes;
import org.opencollections.process.ModelCatalog;
import org.springframework.stereotype.Component;

/**
 * Start listener on every user task: the timeline shows when work was asked of a person, and the task gets
 * the case's work-queue priority ({@code taskPriority}).
 */
@Component
public class RecordTaskOpenedWorker {

  private final CaseProgress progress;
  private final ModelCatalog models;
  private final org.opencollections.intake.WorkQueue queue;

  RecordTaskOpenedWorker(CaseProgress progress, ModelCatalog models, org.opencollections.intake.WorkQueue queue) {
    this.progress = progress;
    this.models = models;
    this.queue = queue;
  }

  /** @return the case's priority as the work queue ranks it, which the task takes as its own */
  @JobWorker(type = JobTypes.RECORD_TASK_OPENED, fetchVariables = "debtId")
  public Map<String, Object> record(ActivatedJob job, @Variable String debtId) {
    UUID debt = UUID.fromString(debtId);
    progress.taskOpened(
        debt, models.nameOf(job.getElementId()), Map.of("elementId", job.getElementId()),
        "task-opened:" + job.getElementInstanceKey());
    return Map.of("taskPriority", queue.taskPriorityOf(debt));
  }
}
