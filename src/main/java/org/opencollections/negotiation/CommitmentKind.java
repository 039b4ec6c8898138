package org.opencollections.negotiation;

/** The commitments a negotiation can end in; the names are the negotiation form's outcome values. */
public enum CommitmentKind {
  PROMISE_TO_PAY,
  PAYMENT_PLAN,
  SETTLEMENT
}
