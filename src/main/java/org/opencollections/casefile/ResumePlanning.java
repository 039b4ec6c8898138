package org.opencollections.casefile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opencollections.compliance.Holds;
import org.opencollections.intake.Debt;
import org.opencollections.intake.DebtRepository;
import org.opencollections.intake.Stage;
import org.opencollections.legal.LegalReferrals;
import org.opencollections.negotiation.Commitments;
import org.opencollections.timeline.CaseEventType;
import org.opencollections.timeline.Timeline;
import org.springframework.stereotype.Component;

/**
 * Where a case's process starts: at the beginning for a case never started, otherwise at the stage the
 * database says it reached, with the decisions already taken (so they are not taken again) and what that
 * stage needs to go on (the instalments being monitored, whether counsel has the file, whether a hold is still
 * active). It reads the stored case only; the caller holds the starter's lock, so the answer stays true
 * until the start is sent.
 */
@Component
class ResumePlanning {

  /** One case's start: at the beginning ({@code point} null) or where the case stood. */
  record Start(UUID debtId, ResumePoint point) {}

  private final DebtRepository debts;
  private final CaseWorkflow workflow;
  private final Timeline timeline;
  private final Commitments commitments;
  private final LegalReferrals referrals;
  private final Holds holds;

  ResumePlanning(
      DebtRepository debts, CaseWorkflow workflow, Timeline timeline, Commitments commitments,
      LegalReferrals referrals, Holds holds) {
    this.debts = debts;
    this.workflow = workflow;
    this.timeline = timeline;
    this.commitments = commitments;
    this.referrals = referrals;
    this.holds = holds;
  }

  /** Nothing (null) if the case is gone, closed or already runs on this engine; call it in a transaction. */
  Start plan(UUID debtId) {
    Debt debt = debts.findById(debtId).orElse(null);
    if (debt == null || debt.status().closed() || workflow.epoch().equals(debt.engineEpoch())) {
      return null;
    }
    boolean neverStarted = debt.processInstanceKey() == null && debt.stage() == Stage.INTAKE;
    return new Start(debtId, neverStarted ? null : resumePoint(debt));
  }

  private ResumePoint resumePoint(Debt debt) {
    Map<String, Object> variables = new HashMap<>();
    // a hold's treatment routes the start of collection, so it only goes back to a case still on hold
    List<String> results = debt.stage() == Stage.ON_HOLD
        ? List.of("segmentation", "escalation", "writeOffDecision", "holdTreatment")
        : List.of("segmentation", "escalation", "writeOffDecision");
    for (String result : results) {
      timeline
          .latest(debt.id(), CaseEventType.DECISION, "resultVariable", result)
          .ifPresent(d -> variables.put(result, d.get("outputs")));
    }
    boolean awaitingCounsel = false;
    Stage stage = debt.stage();
    switch (stage) {
      case MONITORING -> variables.putAll(commitments.resumeVariables(debt.id()));
      case LEGAL -> awaitingCounsel = referrals.awaitingCounsel(debt.id());
      // released while the engine was away: collection starts where the hold treatment says
      case ON_HOLD -> stage = holds.noneActive(debt.id()) ? Stage.SEGMENTATION : Stage.ON_HOLD;
      default -> {}
    }
    if (stage == Stage.MONITORING && !variables.containsKey("instalments")) {
      stage = Stage.NEGOTIATION; // nothing left to monitor: negotiate again
    }
    return new ResumePoint(stage, awaitingCounsel, variables);
  }
}
