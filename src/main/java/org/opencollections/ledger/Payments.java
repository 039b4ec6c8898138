package org.opencollections.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opencollections.timeline.CaseEventType;
import org.opencollections.timeline.Timeline;
import org.opencollections.intake.CaseStatus;
import org.opencollections.intake.Debt;
import org.opencollections.intake.DebtRepository;
import org.opencollections.platform.ConflictException;
import org.opencollections.platform.InvalidInputException;
import org.opencollections.platform.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
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
  private final ApplicationEventPublisher events;

  public Payments(
      DebtRepository debts, PostingRepository postings, Ledger ledger, Timeline timeline, Clock clock,
      ApplicationEventPublisher events) {
    this.debts = debts;
    this.postings = postings;
    this.ledger = ledger;
    this.timeline = timeline;
    this.clock = clock;
    this.events = events;
  }

  /** @param created false when the reference was posted before: the first posting is answered */
  public record Result(PaymentView payment, boolean created) {}

  @Transactional
  public Result post(UUID debtId, NewPayment request) {
    Debt debt = debts.lockById(debtId).orElseThrow(() -> new NotFoundException("No debt " + debtId));
    for (PostingKind kind : List.of(PostingKind.PAYMENT, PostingKind.RECOVERY)) {
      var existing = postings.findByDebtIdAndKindAndReference(debtId, kind, request.reference());
      if (existing.isPresent()) {
        Posting first = existing.get();
        if (first.amount().compareTo(request.amount()) != 0 || !first.currency().getCurrencyCode().equals(request.currency())) {
          throw new ConflictException(
              "Payment " + request.reference() + " was posted before with another amount: "
                  + first.amount().toPlainString() + " " + first.currency().getCurrencyCode());
        }
        // the process heard of the first one through the outbox: nothing to send again
        return new Result(view(debt, first), false);
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
      return new Result(view(debt, recovery), true);
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
    if (wasOpen) { // the process of an open case hears of it after the commit (outbox)
      events.publishEvent(new PaymentPosted(debtId, request.reference(), paidInFull));
    }
    return new Result(view(debt, posting, balance), true);
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
    if (reopened) { // the case negotiates again: its process is started after the commit (outbox)
      events.publishEvent(new CaseReopened(debtId, reversal.id()));
    }
    return new Reversal(view(debt, reversal, balance), true, reopened);
  }

  public record Reversal(PaymentView posting, boolean created, boolean reopened) {}

  /** Money booked on a debt: in its currency, positive, with no more decimals than the currency has. */
  static void validate(Debt debt, String currency, BigDecimal amount) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (!debt.currency().getCurrencyCode().equals(currency)) {
      errors.put("currency", "must be " + debt.currency().getCurrencyCode() + ", the currency of the debt");
    }
    org.opencollections.platform.Money.problem(amount, debt.currency()).ifPresent(e -> errors.put("amount", e));
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
