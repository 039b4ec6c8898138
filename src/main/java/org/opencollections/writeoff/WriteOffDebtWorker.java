package org.opencollections.writeoff;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.util.UUID;
import org.opencollections.casefile.CaseClosing;
import org.opencollections.process.JobTypes;
import org.opencollections.intake.CaseStatus;
import org.springframework.stereotype.Component;

/** Charges off an approved write-off: the balance is booked as WRITE_OFF and the case closes. */
@Component
public class WriteOffDebtWorker {

  private final CaseClosing closing;

  WriteOffDebtWorker(CaseClosing closing) {
    this.closing = closing;
  }

  @JobWorker(type = JobTypes.WRITE_OFF_DEBT, fetchVariables = "debtId")
  public void writeOff(@Variable String debtId) {
    closing.close(UUID.fromString(debtId), CaseStatus.WRITTEN_OFF);
  }
}
