package org.opencollections.casefile;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opencollections.process.JobTypes;
import org.opencollections.process.ModelCatalog;
import org.opencollections.process.ApprovalForms;
import org.springframework.stereotype.Component;

/** End listener on every user task: the timeline keeps what the person decided. */
@Component
public class RecordTaskCompletedWorker {

  /** The form fields worth keeping in the case file (never the free-text notes). */
  static final List<String> DECISION_FIELDS =
      List.of(
          "outcome", "promiseAmount", "promiseDate", "planInstalmentAmount", "planInstalmentCount",
          "planFirstDueDate", "planIntervalDays", "settlementAmount", "settlementDueDate");

  private final CaseProgress progress;
  private final ModelCatalog models;
  private final org.opencollections.timeline.TaskCompletions completions;

  RecordTaskCompletedWorker(CaseProgress progress, ModelCatalog models, org.opencollections.timeline.TaskCompletions completions) {
    this.progress = progress;
    this.models = models;
    this.completions = completions;
  }

  @JobWorker(type = JobTypes.RECORD_TASK_COMPLETED)
  public void record(ActivatedJob job) {
    Map<String, Object> variables = job.getVariablesAsMap();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("elementId", job.getElementId());
    String approval = ApprovalForms.fieldOf(models.formOf(job.getElementId()));
    List<String> fields = approval != null ? List.of(approval) : DECISION_FIELDS;
    fields.stream().filter(f -> variables.get(f) != null).forEach(f -> details.put(f, variables.get(f)));
    // completed through our API or workbench: by that user; otherwise in another client (Tasklist)
    String by = completions.actorOf(job.getElementInstanceKey()).orElse(null);
    details.put("completedBy", by);
    progress.taskCompleted(
        UUID.fromString((String) variables.get("debtId")),
        models.nameOf(job.getElementId()) + (by == null ? "" : " by " + by), details,
        "task-completed:" + job.getElementInstanceKey());
  }
}
