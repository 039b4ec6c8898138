package org.opencollections.ledger;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.opencollections.timeline.CaseEventType;
import org.opencollections.timeline.Timeline;
import org.opencollections.compliance.Holds;
import org.opencollections.intake.Debt;
import org.opencollections.intake.DebtRepository;
import org.opencollections.platform.ConflictException;
import org.opencollections.platform.InvalidInputException;
import org.opencollections.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds interest and fees to an open debt, once per reference. Forbearance is enforced here: while a hold that
 * freezes charges is active (hardship, breathing space, bankruptcy, deceased), nothing is added.
 */
@Service
public class Charges {

  private final DebtRepository debts;
  private final PostingRepository postings;
  private final Ledger ledger;
  private final Holds holds;
  private final Timeline timeline;

  public Charges(DebtRepository debts, PostingRepository postings, Ledger ledger, Holds holds, Timeline timeline) {
    this.debts = debts;
    this.postings = postings;
    this.ledger = ledger;
    this.holds = holds;
    this.timeline = timeline;
  }

  public record Result(PaymentView charge, boolean created) {}

  @Transactional
  public Result charge(UUID debtId, PostingKind kind, BigDecimal amount, String currency, String reference, String reason) {
    Debt debt = debts.lockById(debtId).orElseThrow(() -> new NotFoundException("No debt " + debtId));
    if (!kind.charge()) {
      throw new InvalidInputException("kind", "must be FEE or INTEREST");
    }
    var earlier = postings.findByDebtIdAndKindAndReference(debtId, kind, reference);
    if (earlier.isPresent()) {
      return new Result(Payments.view(debt, earlier.get(), ledger.balance(debt)), false);
    }
    Payments.validate(debt, currency, amount);
    if (debt.status().closed()) {
      throw new ConflictException("The case is closed (" + debt.status() + "): nothing can be charged");
    }
    holds.freezingCharges(debtId).ifPresent(h -> {
      throw new ConflictException(
          "Interest and fees are frozen while the " + h.kind() + " hold " + h.id() + " is active");
    });
    Posting posting = ledger.book(debt, kind, amount, reference);
    BigDecimal balance = ledger.balance(debt);
    timeline.record(debtId, CaseEventType.CHARGE,
        kind + " of " + amount.toPlainString() + " " + currency + " charged (" + reason + "); balance " + balance.toPlainString(),
        Map.of("kind", kind.name(), "reference", reference, "amount", amount.toPlainString(), "reason", reason),
        "charge:" + posting.id());
    return new Result(Payments.view(debt, posting, balance), true);
  }
}
