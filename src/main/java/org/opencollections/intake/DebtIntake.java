package org.opencollections.intake;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
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

  @Transactional
  public Debt register(NewDebt request) {
    Map<String, String> errors = new LinkedHashMap<>();
    Currency currency = currency(request.currency(), errors);
    ZoneId zone = zone(request.debtor().timeZone(), errors);
    BigDecimal principal = new BigDecimal(request.principal());
    if (principal.signum() <= 0) {
      errors.put("principal", "must be greater than zero");
    }
    if (currency != null && principal.scale() > currency.getDefaultFractionDigits()) {
      errors.put("principal", "has more decimals than " + currency.getCurrencyCode() + " allows");
    }
    if (debts.existsByExternalRef(request.externalRef())) {
      errors.put("externalRef", "a debt with this reference already exists");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    var d = request.debtor();
    Debtor debtor = debtors.save(new Debtor(d.name(), d.email(), d.phone(), zone, d.jurisdiction(), clock.instant()));
    Debt debt =
        debts.saveAndFlush( // the timeline below is written with JDBC and refers to it
            new Debt(request.externalRef(), debtor, principal, currency, request.dueDate(), request.product(), clock.instant()));
    timeline.record(
        debt.id(),
        CaseEventType.CASE_OPENED,
        "Case opened for " + principal.toPlainString() + " " + currency.getCurrencyCode() + " (" + request.product() + ")",
        Map.of("externalRef", debt.externalRef(), "principal", principal.toPlainString(), "currency", currency.getCurrencyCode()));
    return debt;
  }

  private static Currency currency(String code, Map<String, String> errors) {
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException | NullPointerException e) {
      errors.put("currency", "is not an ISO 4217 currency: " + code);
      return null;
    }
  }

  private static ZoneId zone(String id, Map<String, String> errors) {
    try {
      ZoneId zone = ZoneId.of(id);
      if (!zone.getId().contains("/") && !zone.getId().equals("UTC")) {
        errors.put("debtor.timeZone", "must be an IANA time zone such as America/New_York");
      }
      return zone;
    } catch (DateTimeException | NullPointerException e) {
      errors.put("debtor.timeZone", "is not an IANA time zone: " + id);
      return null;
    }
  }
}
