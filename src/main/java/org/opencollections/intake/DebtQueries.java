package org.opencollections.intake;

import java.time.Clock;
import java.time.ZoneId;
import java.util.UUID;
import org.opencollections.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class DebtQueries {

  private final DebtRepository debts;
  private final Balances ledger;
  private final Clock clock;

  public DebtQueries(DebtRepository debts, Balances ledger, Clock clock) {
    this.debts = debts;
    this.ledger = ledger;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public DebtView view(UUID id) {
    Debt debt = debts.findById(id).orElseThrow(() -> new NotFoundException("No debt " + id));
    return DebtView.of(debt, ledger.balance(debt), clock);
  }

  /** The debtor's time zone, in which the API shows every time of the case. */
  @Transactional(readOnly = true)
  public ZoneId zoneOf(UUID id) {
    return require(id).debtor().timeZone();
  }

  @Transactional(readOnly = true)
  public Debt require(UUID id) {
    return debts.findById(id).orElseThrow(() -> new NotFoundException("No debt " + id));
  }
}
