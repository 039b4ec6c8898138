package org.opencollections.compliance;

import org.opencollections.casefile.CaseWorkflow;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Ends breathing spaces when their 60 days are over, and tells their cases to go on. */
@Component
class HoldExpiry {

  private final Holds holds;
  private final CaseWorkflow workflow;

  HoldExpiry(Holds holds, CaseWorkflow workflow) {
    this.holds = holds;
    this.workflow = workflow;
  }

  @Scheduled(fixedDelayString = "${collections.holds.expiry-check:PT1M}")
  void releaseExpired() {
    for (Hold hold : holds.releaseExpired()) {
      if (holds.noneActive(hold.debtId())) {
        workflow.holdsReleased(hold.debtId(), hold.id());
      }
    }
  }
}
