package org.opencollections.ledger;

/**
 * What a posting does to the balance: +1 raises what the debtor owes, -1 lowers it, 0 leaves it (a recovery
 * after write-off is income against the charged-off amount; the receivable is already gone).
 */
public enum PostingKind {
  PAYMENT(-1),
  /** A payment taken back (chargeback, bounced transfer): the amount is owed again. */
  REVERSAL(+1),
  FEE(+1),
  INTEREST(+1),
  SETTLEMENT_DISCOUNT(-1),
  WRITE_OFF(-1),
  /** Money received after the debt was written off. */
  RECOVERY(0);

  private final int sign;

  PostingKind(int sign) {
    this.sign = sign;
  }

  public int sign() {
    return sign;
  }

  /** Charges an operator may add to a debt (frozen under hardship and similar holds). */
  public boolean charge() {
    return this == FEE || this == INTEREST;
  }
}
