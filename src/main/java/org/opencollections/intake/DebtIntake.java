package org.opencollections.intake;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.opencollections.casefile.CaseEventType;
import org.opencollections.casefile.Timeline;
import org.opencollections.web.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Validates and stores a new debt and its debtor; the case's process is started after the commit. */
@Service
public class DebtIntake {

  private final DebtRepository debts;
  private final DebtorRepository debtors;
  private final Timeline timeline;
  private final Clock clock;

  public DebtIntake(DebtRepository debts, DebtorRepository debtors, Timeline timeline, Clock clock) {
    this.debts = debts;
    this.debtors = debtors;
    this.timeline = timeline;
    this.clock = clock;
  }

  /** Registers a debt whose fields passed bean validation; checks what needs the database. */
  @Transactional
  public Debt register(NewDebt request) {
    Currency currency = Currency.getInstance(request.currency());
    ZoneId zone = ZoneId.of(request.debtor().timeZone());
    BigDecimal principal = new BigDecimal(request.principal());
    Map<String, String> errors = new LinkedHashMap<>();
    principalError(principal, currency).ifPresent(e -> errors.put("principal", e));
    if (debts.existsByExternalRef(request.externalRef())) {
      errors.put("externalRef", "a debt with this reference already exists");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    var d = request.debtor();
    Debtor debtor =
        (d.externalRef() == null || d.externalRef().isBlank()
                ? java.util.Optional.<Debtor>empty()
                : debtors.findByExternalRef(d.externalRef()))
            .orElseGet(
                () ->
                    debtors.save(
                        new Debtor(
                            blankToNull(d.externalRef()), d.name(), d.email(), d.phone(), zone, d.jurisdiction(), clock.instant())));
    Debt debt =
        debts.saveAndFlush( // the timeline below is written with JDBC and refers to it
            new Debt(request.externalRef(), debtor, principal, currency, request.dueDate(), request.product(), clock.instant()));
    timeline.record(
        debt.id(),
        CaseEventType.CASE_OPENED,
        caseOpenedSummary(principal, currency, request.product()),
        caseOpenedDetails(debt.externalRef(), principal, currency));
    return debt;
  }

  /**
   * What the amount must satisfy beyond the field constraints of {@link NewDebt} (which make it a
   * non-negative decimal): greater than zero, and no more decimals than its currency has.
   */
  public static Optional<String> principalError(BigDecimal principal, Currency currency) {
    if (principal.signum() <= 0) {
      return Optional.of("must be greater than zero");
    }
    if (principal.scale() > currency.getDefaultFractionDigits()) {
      return Optional.of("has more decimals than " + currency.getCurrencyCode() + " allows");
    }
    return Optional.empty();
  }

  /** The summary of a case's first timeline entry, however the debt arrived. */
  public static String caseOpenedSummary(BigDecimal principal, Currency currency, String product) {
    return "Case opened for " + principal.toPlainString() + " " + currency.getCurrencyCode() + " (" + product + ")";
  }

  public static Map<String, Object> caseOpenedDetails(String externalRef, BigDecimal principal, Currency currency) {
    return Map.of("externalRef", externalRef, "principal", principal.toPlainString(), "currency", currency.getCurrencyCode());
  }

  @Transactional
  public void assign(java.util.UUID debtId, String assignee) {
    debts.lockById(debtId)
        .orElseThrow(() -> new org.opencollections.web.NotFoundException("No debt " + debtId))
        .assign(assignee);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
