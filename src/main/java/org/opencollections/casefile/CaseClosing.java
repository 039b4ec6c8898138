package org.opencollections.casefile;

import org.opencollections.timeline.CaseEventType;
import org.opencollections.timeline.Timeline;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.opencollections.intake.CaseStatus;
import org.opencollections.intake.Debt;
import org.opencollections.intake.DebtRepository;
import org.opencollections.ledger.Ledger;
import org.opencollections.ledger.PostingKind;
import org.opencollections.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ends a case: as paid, as settled (the unpaid rest is booked as a settlement discount) or as written off
 * (the rest is booked as a write-off). Closing twice changes nothing.
 */
@Service
public class CaseClosing {

  private final DebtRepository debts;
  private final Ledger ledger;
  private final Timeline timeline;
  private final Clock clock;

  public CaseClosing(DebtRepository debts, Ledger ledger, Timeline timeline, Clock clock) {
    this.debts = debts;
    this.ledger = ledger;
    this.timeline = timeline;
    this.clock = clock;
  }

  @Transactional
  public void close(UUID debtId, CaseStatus outcome) {
    Debt debt = debts.lockById(debtId).orElseThrow(() -> new NotFoundException("No debt " + debtId));
    if (debt.status().closed()) {
      return;
    }
    BigDecimal rest = ledger.balance(debt);
    if (outcome == CaseStatus.PAID && rest.signum() > 0) {
      // a late notice of a payment that was reversed since: the case stays open, and since the process ends
      // here, the case starter gives it a new instance
      debt.detachProcess();
      timeline.record(debtId, CaseEventType.CASE_RESUMED,
          "Not closed as paid: " + rest.toPlainString() + " " + debt.currency().getCurrencyCode()
              + " is still owing (a payment was reversed); collection resumes",
          Map.of("balance", rest.toPlainString()));
      return;
    }
    String summary = "Case closed: " + outcome.name().toLowerCase().replace('_', ' ');
    if (rest.signum() > 0 && outcome != CaseStatus.PAID) {
      PostingKind kind = outcome == CaseStatus.SETTLED ? PostingKind.SETTLEMENT_DISCOUNT : PostingKind.WRITE_OFF;
      ledger.book(debt, kind, rest, kind.name().toLowerCase() + ":" + debtId);
      summary += " (" + rest.toPlainString() + " " + debt.currency().getCurrencyCode() + " booked as " + kind + ")";
    }
    debt.close(outcome, clock.instant());
    timeline.record(debtId, CaseEventType.CASE_CLOSED, summary, Map.of("status", outcome.name()), "closed:" + debtId);
  }
}
