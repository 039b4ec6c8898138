package org.opencollections.intake;

import java.util.List;
import java.util.UUID;
import org.opencollections.platform.NotFoundException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A debtor and every debt they owe. */
@RestController
class DebtorController {

  private final DebtorRepository debtors;
  private final DebtRepository debts;
  private final DebtQueries queries;

  DebtorController(DebtorRepository debtors, DebtRepository debts, DebtQueries queries) {
    this.debtors = debtors;
    this.debts = debts;
    this.queries = queries;
  }

  record DebtorView(
      UUID id, String externalRef, String name, String email, String phone, String timeZone, String jurisdiction,
      List<DebtView> debts) {}

  @GetMapping("/api/debtors/{id}")
  @Transactional(readOnly = true)
  public DebtorView get(@PathVariable UUID id) {
    Debtor d = debtors.findById(id).orElseThrow(() -> new NotFoundException("No debtor " + id));
    List<DebtView> owed = debts.findIdsByDebtorId(id).stream().map(queries::view).toList();
    return new DebtorView(d.id(), d.externalRef(), d.name(), d.email(), d.phone(), d.timeZone().getId(), d.jurisdiction(), owed);
  }
}
