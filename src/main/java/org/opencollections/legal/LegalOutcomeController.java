package org.opencollections.legal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Where counsel's system (or a person reading counsel's letter) reports the legal outcome. */
@RestController
class LegalOutcomeController {

  private final LegalReferrals referrals;
  LegalOutcomeController(LegalReferrals referrals) {
    this.referrals = referrals;
  }

  record Report(@NotNull LegalOutcome outcome) {}

  record Recorded(UUID referralId, String counselRef, String outcome) {}

  /** The case's process hears of it after the commit, through the outbox; the same outcome again is harmless. */
  @PostMapping("/api/debts/{id}/legal-outcome")
  Recorded report(@PathVariable UUID id, @Valid @RequestBody Report report) {
    LegalReferral referral = referrals.recordOutcome(id, report.outcome());
    return new Recorded(referral.id(), referral.counselRef(), referral.outcome());
  }
}
