package org.opencollections.casefile;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ListenerEventType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opencollections.engine.JobTypes;
import org.opencollections.engine.Models;
import org.springframework.stereotype.Component;

/** Start and end listener on every user task: the timeline shows when work was asked for and what was decided. */
@Component
class RecordUserTaskWorker {

  /** The form fields worth keeping in the case file (never free-text notes). */
  static final List<String> OUTCOME_FIELDS =
      List.of(
          "outcome", "promiseAmount", "promiseDate", "planInstalmentAmount", "planInstalmentCount",
          "planFirstDueDate", "planIntervalDays", "settlementAmount", "settlementDueDate",
          "settlementApproved", "legalReferralApproved", "writeOffApproved");

  private final CaseProgress progress;
  private final Models models;

  RecordUserTaskWorker(CaseProgress progress, Models models) {
    this.progress = progress;
    this.models = models;
  }

  @JobWorker(type = JobTypes.RECORD_USER_TASK)
  void record(ActivatedJob job) {
    Map<String, Object> variables = job.getVariablesAsMap();
    UUID debtId = UUID.fromString((String) variables.get("debtId"));
    String task = models.nameOf(job.getElementId());
    if (job.getListenerEventType() == ListenerEventType.END) {
      Map<String, Object> outcome = new LinkedHashMap<>();
      outcome.put("elementId", job.getElementId());
      OUTCOME_FIELDS.stream().filter(f -> variables.get(f) != null).forEach(f -> outcome.put(f, variables.get(f)));
      progress.taskCompleted(debtId, task, outcome, "task-completed:" + job.getElementInstanceKey());
    } else {
      progress.taskOpened(debtId, task, Map.of("elementId", job.getElementId()), "task-opened:" + job.getElementInstanceKey());
    }
  }
}
