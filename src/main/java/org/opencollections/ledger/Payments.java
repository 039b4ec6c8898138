package org.opencollections.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
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

  /** @param notifyProcess whether the case's process should hear of it (it was open, or this payment closed it) */
  public record Result(PaymentView payment, boolean created, boolean notifyProcess) {}

  @Transactional
  public Result post(UUID debtId, NewPayment request) {
    Debt debt = debts.lockById(debtId).orElseThrow(() -> new NotFoundException("No debt " + debtId));
    for (PostingKind kind : List.of(PostingKind.PAYMENT, PostingKind.RECOVERY)) {
      var existing = postings.findByDebtIdAndKindAndReference(debtId, kind, request.reference());
      if (existing.isPresent()) {
        PaymentView first = view(debt, existing.get());
        // a repeated full payment is passed on again in case the first notice was lost
        return new Result(first, false, first.paidInFull() && debt.status() == CaseStatus.PAID);
      }
    }
    validate(debt, request.currency(), request.amount());
    if (debt.status() == CaseStatus.WRITTEN_OFF) {
      // the receivable is gone: the money is recorded as a recovery against the charged-off amount
      Posting recovery = ledger.book(debt, PostingKind.RECOVERY, request.amount(), request.reference());
      timeline.record(debtId, CaseEventType.PAYMENT,
          "Recovery of " + request.amount().toPlainString() + " " + request.currency() + " after write-off",
          Map.of("reference", request.reference(), "amount", request.amount().toPlainString(), "kind", "RECOVERY"),
          "payment:" + recovery.id());
      return new Result(view(debt, recovery), true, false);
    }
    // on an open case, or a paid or settled one (an overpayment): never refused, a surplus is the debtor's credit
    boolean wasOpen = debt.status() == CaseStatus.OPEN;
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
        "Payment of " + request.amount().toPlainString() + " " + request.currency() + " received; "
            + (balance.signum() < 0 ? "credit " + balance.negate().toPlainString() : "balance " + balance.toPlainString()),
        details,
        "payment:" + posting.id());
    if (paidInFull && debt.close(CaseStatus.PAID, clock.instant())) {
      String summary =
          balance.signum() < 0
              ? "Case closed: paid in full, with a credit of " + balance.negate().toPlainString()
              : "Case closed: paid in full";
      timeline.record(debtId, CaseEventType.CASE_CLOSED, summary, Map.of("status", "PAID"), "closed:" + debtId);
    }
    return new Result(view(debt, posting, balance), true, wasOpen);
  }

  /**
   * Takes a payment back (chargeback, bounced transfer): the amount is owed again, once per payment. A case
   * the payment had closed as paid opens again.
   *
   * @return the reversal, and whether the case opened again
   */
  @Transactional
  public Reversal reverse(UUID debtId, UUID paymentId, String reason) {
    Debt debt = debts.lockById(debtId).orElseThrow(() -> new NotFoundException("No debt " + debtId));
    Posting payment =
        postings.findById(paymentId)
            .filter(p -> p.debtId().equals(debtId) && p.kind() == PostingKind.PAYMENT)
            .orElseThrow(() -> new NotFoundException("No payment " + paymentId + " on debt " + debtId));
    String reference = payment.reference();
    var earlier = postings.findByDebtIdAndKindAndReference(debtId, PostingKind.REVERSAL, reference);
    if (earlier.isPresent()) {
      return new Reversal(view(debt, earlier.get()), false, false);
    }
    Posting reversal = ledger.book(debt, PostingKind.REVERSAL, payment.amount(), reference);
    BigDecimal balance = ledger.balance(debt);
    boolean reopened = debt.status() == CaseStatus.PAID && balance.signum() > 0 && debt.reopen();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reference", reference);
    details.put("amount", payment.amount().toPlainString());
    details.put("reason", reason);
    details.put("balanceAfter", balance.toPlainString());
    details.put("reopened", reopened);
    timeline.record(debtId, CaseEventType.PAYMENT_REVERSED,
        "Payment " + reference + " of " + payment.amount().toPlainString() + " reversed (" + reason + "); balance "
            + balance.toPlainString() + (reopened ? "; the case is open again" : ""),
        details, "reversal:" + reversal.id());
    return new Reversal(view(debt, reversal, balance), true, reopened);
  }

  public record Reversal(PaymentView posting, boolean created, boolean reopened) {}

  /** Money booked on a debt: in its currency, positive, with no more decimals than the currency has. */
  static void validate(Debt debt, String currency, BigDecimal amount) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (!debt.currency().getCurrencyCode().equals(currency)) {
      errors.put("currency", "must be " + debt.currency().getCurrencyCode() + ", the currency of the debt");
    }
    if (amount.signum() <= 0) {
      errors.put("amount", "must be greater than zero");
    } else if (amount.stripTrailingZeros().scale() > debt.currency().getDefaultFractionDigits()) {
      errors.put("amount", "has more decimals than " + debt.currency().getCurrencyCode() + " allows");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  PaymentView view(Debt debt, Posting posting) {
    return view(debt, posting, ledger.balance(debt));
  }

  static PaymentView view(Debt debt, Posting posting, BigDecimal balance) {
    return new PaymentView(
        posting.id(), debt.id(), posting.kind(), posting.reference(), posting.amount(),
        posting.currency().getCurrencyCode(), posting.bookedAt(), balance,
        posting.kind() == PostingKind.PAYMENT && balance.signum() <= 0);
  }
}
