package org.opencollections.intake;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.opencollections.timeline.CaseEventType;
import org.opencollections.timeline.Timeline;
import org.opencollections.platform.InvalidInputException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Validates and stores a new debt and its debtor; the case's process is started after the commit (outbox). */
@Service
public class DebtIntake {

  private final DebtRepository debts;
  private final DebtorRepository debtors;
  private final ContactPointRepository contactPoints;
  private final Timeline timeline;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  public DebtIntake(
      DebtRepository debts, DebtorRepository debtors, ContactPointRepository contactPoints, Timeline timeline, Clock clock,
      ApplicationEventPublisher events) {
    this.debts = debts;
    this.contactPoints = contactPoints;
    this.debtors = debtors;
    this.timeline = timeline;
    this.clock = clock;
    this.events = events;
  }

  /** Registers a debt whose fields passed bean validation; checks what needs the database. */
  @Transactional
  public Debt register(NewDebt request) {
    Currency currency = Currency.getInstance(request.currency());
    ZoneId zone = ZoneId.of(request.debtor().timeZone());
    BigDecimal principal = new BigDecimal(request.principal());
    Map<String, String> errors = new LinkedHashMap<>();
    principalError(principal, currency).ifPresent(e -> errors.put("principal", e));
    errors.putAll(ContactPoints.problems(request.debtor()));
    if (debts.existsByExternalRef(request.externalRef())) {
      errors.put("externalRef", "a debt with this reference already exists");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    principal = org.opencollections.platform.Money.atScale(principal, currency); // 250.5 is recorded as 250.50, as stored
    var d = request.debtor();
    Debtor debtor =
        (d.externalRef() == null || d.externalRef().isBlank()
                ? java.util.Optional.<Debtor>empty()
                : debtors.findByExternalRef(d.externalRef()))
            .orElseGet(
                () -> {
                  Debtor created = debtors.saveAndFlush(
                      new Debtor(blankToNull(d.externalRef()), d.name(), d.email(), d.phone(), zone, d.jurisdiction(), clock.instant()));
                  contactPoints.saveAll(ContactPoints.initial(created.id(), d, clock.instant()));
                  return created;
                });
    Debt debt =
        debts.saveAndFlush( // the timeline below is written with JDBC and refers to it
            new Debt(request.externalRef(), debtor, principal, currency, request.dueDate(), request.product(), clock.instant()));
    timeline.record(
        debt.id(),
        CaseEventType.CASE_OPENED,
        caseOpenedSummary(principal, currency, request.product()),
        caseOpenedDetails(debt.externalRef(), principal, currency));
    events.publishEvent(new DebtRegistered(debt.id())); // into the outbox, with this transaction
    return debt;
  }

  /**
   * What the amount must satisfy beyond the field constraints of {@link NewDebt} (which make it a
   * non-negative decimal): greater than zero, no more decimals than its currency has, below the limit.
   */
  public static Optional<String> principalError(BigDecimal principal, Currency currency) {
    return org.opencollections.platform.Money.problem(principal, currency);
  }

  /** The summary of a case's first timeline entry, however the debt arrived. */
  public static String caseOpenedSummary(BigDecimal principal, Currency currency, String product) {
    return "Case opened for " + principal.toPlainString() + " " + currency.getCurrencyCode() + " (" + product + ")";
  }

  public static Map<String, Object> caseOpenedDetails(String externalRef, BigDecimal principal, Currency currency) {
    return Map.of("externalRef", externalRef, "principal", principal.toPlainString(), "currency", currency.getCurrencyCode());
  }

  /** Puts the case in an operator's queue (null: nobody's); the timeline says who assigned it to whom. */
  @Transactional
  public void assign(java.util.UUID debtId, String assignee) {
    Debt debt =
        debts.lockById(debtId).orElseThrow(() -> new org.opencollections.platform.NotFoundException("No debt " + debtId));
    assign(debt, assignee);
  }

  private void assign(Debt debt, String assignee) {
    java.util.UUID debtId = debt.id();
    String before = debt.assignee();
    if (java.util.Objects.equals(before, assignee)) {
      return; // nothing changes: no entry either
    }
    debt.assign(assignee);
    String by = org.opencollections.platform.Actor.current();
    Map<String, Object> details = new java.util.LinkedHashMap<>();
    details.put("assignee", assignee);
    details.put("previous", before);
    details.put("actor", by);
    timeline.record(
        debtId, CaseEventType.ASSIGNED,
        (assignee == null ? "Taken out of " + before + "'s queue" : "Assigned to " + assignee
            + (before == null ? "" : " (was " + before + ")")) + " by " + by,
        details);
  }

  /**
   * The signed-in user takes the case into their own queue (and its tasks: others may not complete them). A
   * case someone else holds is refused: a supervisor reassigns it. Claiming one's own case changes nothing.
   */
  @Transactional
  public void claim(java.util.UUID debtId) {
    String me = org.opencollections.platform.Actor.current();
    Debt debt = debts.lockById(debtId)
        .orElseThrow(() -> new org.opencollections.platform.NotFoundException("No debt " + debtId));
    if (debt.status().closed()) {
      throw new org.opencollections.platform.ConflictException("The case is closed: there is no work to claim");
    }
    if (debt.assignee() != null && !debt.assignee().equals(me)) {
      throw new org.opencollections.platform.ConflictException(
          "The case is claimed by " + debt.assignee() + "; a supervisor can reassign it");
    }
    assign(debt, me); // the holder claiming again changes nothing
  }

  /** The holder gives the case back to the shared queue; a supervisor may release anyone's. */
  @Transactional
  public void release(java.util.UUID debtId) {
    String me = org.opencollections.platform.Actor.current();
    Debt debt = debts.lockById(debtId)
        .orElseThrow(() -> new org.opencollections.platform.NotFoundException("No debt " + debtId));
    if (debt.assignee() == null) {
      return;
    }
    if (!debt.assignee().equals(me) && !org.opencollections.platform.Actor.assignsWork()) {
      throw new org.opencollections.platform.ConflictException(
          "The case is claimed by " + debt.assignee() + "; only they or a supervisor can release it");
    }
    assign(debt, null);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
