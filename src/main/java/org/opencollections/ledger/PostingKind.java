package org.opencollections.ledger;

/** What a posting does to the balance: +1 raises what the debtor owes, -1 lowers it. */
public enum PostingKind {
  PAYMENT(-1),
  SETTLEMENT_DISCOUNT(-1),
  WRITE_OFF(-1);

  private final int sign;

  PostingKind(int sign) {
    this.sign = sign;
  }

  public int sign() {
    return sign;
  }
}
