package org.opencollections.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.opencollections.casefile.CaseEventType;
import org.opencollections.casefile.Timeline;
import org.opencollections.intake.CaseStatus;
import org.opencollections.intake.Debt;
import org.opencollections.intake.DebtRepository;
import org.opencollections.web.ConflictException;
import org.opencollections.web.InvalidInputException;
import org.opencollections.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Posts payments exactly once per reference. A payment that clears the balance closes the case as paid
 * in the same transaction, so the case is settled in the database even if the process never hears of it.
 */
@Service
public class Payments {

  private final DebtRepository debts;
  private final PostingRepository postings;
  private final Ledger ledger;
  private final Timeline timeline;
  private final Clock clock;

  public Payments(DebtRepository debts, PostingRepository postings, Ledger ledger, Timeline timeline, Clock clock) {
    this.debts = debts;
    this.postings = postings;
    this.ledger = ledger;
    this.timeline = timeline;
    this.clock = clock;
  }

  public record Result(PaymentView payment, boolean created) {}

  @Transactional
  public Result post(UUID debtId, NewPayment request) {
    Debt debt = debts.lockById(debtId).orElseThrow(() -> new NotFoundException("No debt " + debtId));
    var existing = postings.findByDebtIdAndKindAndReference(debtId, PostingKind.PAYMENT, request.reference());
    if (existing.isPresent()) {
      return new Result(view(debt, existing.get()), false);
    }
    validate(debt, request);
    if (debt.status() != CaseStatus.OPEN) {
      throw new ConflictException("The case is closed (" + debt.status() + "); a payment on it needs a recovery posting");
    }
    Posting posting = ledger.book(debt, PostingKind.PAYMENT, request.amount(), request.reference());
    BigDecimal balance = ledger.balance(debt);
    boolean paidInFull = balance.signum() <= 0;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reference", request.reference());
    details.put("amount", request.amount().toPlainString());
    details.put("currency", request.currency());
    details.put("balanceAfter", balance.toPlainString());
    timeline.record(
        debtId,
        CaseEventType.PAYMENT,
        "Payment of " + request.amount().toPlainString() + " " + request.currency() + " received; balance "
            + balance.toPlainString(),
        details,
        "payment:" + posting.id());
    if (paidInFull && debt.close(CaseStatus.PAID, clock.instant())) {
      String summary =
          balance.signum() < 0
              ? "Case closed: paid in full, with a credit of " + balance.negate().toPlainString()
              : "Case closed: paid in full";
      timeline.record(debtId, CaseEventType.CASE_CLOSED, summary, Map.of("status", "PAID"), "closed:" + debtId);
    }
    return new Result(view(debt, posting, balance), true);
  }

  private static void validate(Debt debt, NewPayment request) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (!debt.currency().getCurrencyCode().equals(request.currency())) {
      errors.put("currency", "must be " + debt.currency().getCurrencyCode() + ", the currency of the debt");
    }
    if (request.amount().signum() <= 0) {
      errors.put("amount", "must be greater than zero");
    } else if (request.amount().stripTrailingZeros().scale() > debt.currency().getDefaultFractionDigits()) {
      errors.put("amount", "has more decimals than " + debt.currency().getCurrencyCode() + " allows");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  private PaymentView view(Debt debt, Posting posting) {
    return view(debt, posting, ledger.balance(debt));
  }

  private static PaymentView view(Debt debt, Posting posting, BigDecimal balance) {
    return new PaymentView(
        posting.id(), debt.id(), posting.reference(), posting.amount(), posting.currency().getCurrencyCode(),
        posting.bookedAt(), balance, balance.signum() <= 0);
  }
}
