package org.opencollections.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.opencollections.intake.Debt;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Balances are derived from the principal and the postings, never stored. */
@Service
public class Ledger implements org.opencollections.intake.Balances {

  private final PostingRepository postings;
  private final Clock clock;

  public Ledger(PostingRepository postings, Clock clock) {
    this.postings = postings;
    this.clock = clock;
  }

  @Override
  @Transactional(readOnly = true)
  public BigDecimal balance(Debt debt) {
    BigDecimal balance = debt.principal();
    for (Posting posting : postings.findByDebtIdOrderByBookedAt(debt.id())) {
      balance = balance.add(posting.signedAmount());
    }
    return balance;
  }

  /** Books an entry once per (debt, kind, reference); a repeat returns the first booking. */
  @Transactional
  public Posting book(Debt debt, PostingKind kind, BigDecimal amount, String reference) {
    return postings
        .findByDebtIdAndKindAndReference(debt.id(), kind, reference)
        .orElseGet(
            () -> postings.save(new Posting(debt.id(), kind, amount, debt.currency(), reference, clock.instant(), debt.assignee())));
  }

  public BigDecimal paidSince(UUID debtId, Instant since) {
    return postings.paidSince(debtId, since);
  }
}
