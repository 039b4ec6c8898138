package org.opencollections.intake;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A debt as the API shows it; times in the debtor's own zone. */
public record DebtView(
    UUID id,
    String externalRef,
    UUID debtorId,
    String product,
    String currency,
    BigDecimal principal,
    BigDecimal balance,
    LocalDate dueDate,
    long daysPastDue,
    Stage stage,
    CaseStatus status,
    String segment,
    String assignee,
    String timeZone,
    OffsetDateTime createdAt,
    OffsetDateTime closedAt,
    Long processInstanceKey) {

  public static DebtView of(Debt debt, BigDecimal balance, Clock clock) {
    var zone = debt.debtor().timeZone();
    return new DebtView(
        debt.id(),
        debt.externalRef(),
        debt.debtor().id(),
        debt.product(),
        debt.currency().getCurrencyCode(),
        debt.principal(),
        balance,
        debt.dueDate(),
        debt.daysPastDue(clock),
        debt.stage(),
        debt.status(),
        debt.segment(),
        debt.assignee(),
        zone.getId(),
        debt.createdAt().atZone(zone).toOffsetDateTime(),
        debt.closedAt() == null ? null : debt.closedAt().atZone(zone).toOffsetDateTime(),
        debt.processInstanceKey());
  }
}
