package org.opencollections.audit;

import java.util.UUID;

/**
 * An entity whose every change is written to the audit trail: who, when, what, before and after. The trail
 * of a case is part of its timeline.
 */
public interface Audited {

  /** The debt the change belongs to; null when it belongs to the debtor (and so to all their debts). */
  UUID auditedDebtId();

  /** The debtor, for changes that belong to all of a debtor's debts; null otherwise. */
  default UUID auditedDebtorId() {
    return null;
  }
}
