package org.opencollections.intake;

import java.math.BigDecimal;

/** What is owed on a debt now; the ledger implements it (the case file shows it without knowing the ledger). */
public interface Balances {

  /** The principal less payments, plus reversals, fees and interest: negative is the debtor's credit. */
  BigDecimal balance(Debt debt);
}
