package org.opencollections.casefile;

import org.opencollections.timeline.CaseEventType;
import org.opencollections.timeline.Timeline;
import java.util.Map;
import java.util.UUID;
import org.opencollections.intake.Debt;
import org.opencollections.intake.DebtRepository;
import org.opencollections.intake.Stage;
import org.opencollections.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records the stage a case enters and the user tasks it opens and completes. */
@Service
public class CaseProgress {

  private final DebtRepository debts;
  private final Timeline timeline;
  private final java.time.Clock clock;

  public CaseProgress(DebtRepository debts, Timeline timeline, java.time.Clock clock) {
    this.debts = debts;
    this.timeline = timeline;
    this.clock = clock;
  }

  @Transactional
  public void enterStage(UUID debtId, Stage stage, Map<String, Object> model, String idempotencyKey) {
    Debt debt = debts.lockById(debtId).orElseThrow(() -> new NotFoundException("No debt " + debtId));
    Stage from = debt.stage();
    if (debt.enterStage(stage, clock.instant())) {
      timeline.record(
          debtId, CaseEventType.STAGE_CHANGED, "Stage " + from + " → " + stage,
          details(from, stage, model), idempotencyKey);
    }
  }

  private static Map<String, Object> details(Stage from, Stage to, Map<String, Object> model) {
    Map<String, Object> details = new java.util.LinkedHashMap<>();
    details.put("from", from.name());
    details.put("to", to.name());
    details.putAll(model);
    return details;
  }

  @Transactional
  public void taskOpened(UUID debtId, String taskName, Map<String, Object> details, String idempotencyKey) {
    timeline.record(debtId, CaseEventType.TASK_OPENED, "Task opened: " + taskName, details, idempotencyKey);
  }

  @Transactional
  public void taskCompleted(UUID debtId, String taskName, Map<String, Object> details, String idempotencyKey) {
    timeline.record(debtId, CaseEventType.TASK_COMPLETED, "Task completed: " + taskName, details, idempotencyKey);
  }
}
