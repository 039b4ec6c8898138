package org.opencollections.legal;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import java.util.UUID;
import org.opencollections.process.JobTypes;
import org.springframework.stereotype.Component;

@Component
public class HandOffToLegalWorker {

  private final LegalReferrals referrals;

  HandOffToLegalWorker(LegalReferrals referrals) {
    this.referrals = referrals;
  }

  @JobWorker(type = JobTypes.HAND_OFF_TO_LEGAL, fetchVariables = "debtId")
  public Map<String, Object> handOff(ActivatedJob job, @Variable String debtId) {
    LegalReferral referral = referrals.handOff(UUID.fromString(debtId), "referral:" + job.getElementInstanceKey());
    return Map.of("referralId", referral.id().toString());
  }
}
