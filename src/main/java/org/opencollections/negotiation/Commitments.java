package org.opencollections.negotiation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opencollections.timeline.CaseEventType;
import org.opencollections.timeline.Timeline;
import org.opencollections.intake.Debt;
import org.opencollections.intake.DebtRepository;
import org.opencollections.ledger.Ledger;
import org.opencollections.platform.InvalidInputException;
import org.opencollections.platform.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Promises, plans and settlements: records them with their schedule, and decides for each instalment,
 * once its grace days have passed, whether it was paid.
 */
@Service
public class Commitments {

  private final CommitmentRepository commitments;
  private final DebtRepository debts;
  private final Ledger ledger;
  private final Timeline timeline;
  private final Clock clock;
  private final int graceDays;
  private final BigDecimal tolerancePercent;

  public Commitments(
      CommitmentRepository commitments, DebtRepository debts, Ledger ledger, Timeline timeline, Clock clock,
      @Value("${collections.commitments.grace-days:3}") int graceDays,
      @Value("${collections.commitments.tolerance-percent:0}") BigDecimal tolerancePercent) {
    this.commitments = commitments;
    this.debts = debts;
    this.ledger = ledger;
    this.timeline = timeline;
    this.clock = clock;
    this.graceDays = graceDays;
    this.tolerancePercent = tolerancePercent;
  }

  /** Problems with a negotiation outcome for this debt, by form field; empty when it can be recorded. */
  @Transactional(readOnly = true)
  public Map<String, String> problems(UUID debtId, NegotiationOutcome outcome) {
    Debt debt = debt(debtId);
    return outcome.problems(today(debt), ledger.balance(debt), debt.currency().getDefaultFractionDigits());
  }

  /**
   * Records the outcome as a commitment, once per key.
   *
   * @param actor who made it (the user who completed the negotiation task; null when nobody known did)
   */
  @Transactional
  public Commitment record(
      UUID debtId, CommitmentKind kind, NegotiationOutcome outcome, String idempotencyKey, String actor) {
    var existing = commitments.findByIdempotencyKey(idempotencyKey);
    if (existing.isPresent()) {
      // A repeated job (its first worker committed and died before completing it, fault suite F1) gets the
      // first commitment; the worker reads its schedule after this transaction, so it is loaded here. Before,
      // the repeat failed with a LazyInitializationException until the job became an incident.
      existing.get().instalments().size();
      return existing.get();
    }
    Debt debt = debt(debtId);
    if (!kind.name().equals(outcome.outcome())) {
      throw new InvalidInputException("outcome", "is " + outcome.outcome() + " but the task records a " + kind);
    }
    Map<String, String> errors =
        outcome.problems(today(debt), ledger.balance(debt), debt.currency().getDefaultFractionDigits());
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    ZoneId zone = debt.debtor().timeZone();
    commitments.findByDebtIdAndStatus(debtId, Commitment.Status.ACTIVE)
        .forEach(earlier -> earlier.resolve(Commitment.Status.SUPERSEDED, clock.instant()));
    Commitment commitment =
        new Commitment(debtId, kind, debt.currency().getCurrencyCode(), idempotencyKey, clock.instant(), actor);
    int digits = debt.currency().getDefaultFractionDigits();
    boolean promise = kind == CommitmentKind.PROMISE_TO_PAY;
    int grace = promise && outcome.promiseGraceDays() != null ? outcome.promiseGraceDays() : graceDays;
    BigDecimal tolerance =
        promise && outcome.promiseTolerancePercent() != null ? outcome.promiseTolerancePercent() : tolerancePercent;
    commitment.agreedOn(
        grace, tolerance,
        kind == CommitmentKind.PAYMENT_PLAN ? outcome.declaredMonthlyIncome() : null,
        kind == CommitmentKind.PAYMENT_PLAN ? outcome.declaredMonthlyExpenses() : null);
    List<NegotiationOutcome.Due> schedule = outcome.schedule();
    for (NegotiationOutcome.Due due : schedule) {
      Instant checkAt = due.dueDate().plusDays(grace + 1L).atStartOfDay(zone).toInstant();
      commitment.add(new Instalment(commitment, due.number(), due.amount().setScale(digits), due.dueDate(), checkAt));
    }
    commitments.save(commitment);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("commitmentId", commitment.id().toString());
    details.put("kind", kind.name());
    details.put("total", commitment.totalAmount().toPlainString());
    details.put("instalments", instalmentVariables(commitment.instalments()));
    details.put("actor", actor);
    timeline.record(
        debtId, CaseEventType.COMMITMENT_RECORDED, describe(kind, commitment, schedule), details,
        "commitment:" + commitment.id());
    return commitment;
  }

  /**
   * Decides whether instalment {@code number} was paid: the payments since the commitment was made must
   * cover every instalment due so far (less the tolerance). A miss breaks the commitment; paying the last
   * instalment keeps it. Asking again returns the first answer.
   */
  @Transactional
  public boolean checkInstalment(UUID commitmentId, int number) {
    Commitment commitment =
        commitments.findById(commitmentId).orElseThrow(() -> new NotFoundException("No commitment " + commitmentId));
    Instalment instalment =
        commitment.instalments().stream()
            .filter(i -> i.number() == number)
            .findFirst()
            .orElseThrow(() -> new NotFoundException("Commitment " + commitmentId + " has no instalment " + number));
    if (instalment.status() != Instalment.Status.PENDING) {
      return instalment.status() == Instalment.Status.PAID;
    }
    BigDecimal required =
        commitment.dueThrough(number)
            .multiply(BigDecimal.ONE.subtract(commitment.tolerancePercent(tolerancePercent).movePointLeft(2)))
            // rounded down to the currency's decimals: the tolerance never asks for more than is due
            .setScale(org.opencollections.platform.Money.digits(
                debts.findById(commitment.debtId()).orElseThrow().currency()), RoundingMode.DOWN);
    BigDecimal paid = ledger.paidSince(commitment.debtId(), commitment.createdAt());
    boolean kept = paid.compareTo(required) >= 0;
    Instant now = clock.instant();
    instalment.checked(kept, now);
    boolean last = number == commitment.instalments().size();
    if (!kept) {
      commitment.resolve(Commitment.Status.BROKEN, now);
    } else if (last) {
      commitment.resolve(Commitment.Status.KEPT, now);
    }
    timeline.record(
        commitment.debtId(),
        kept ? CaseEventType.INSTALMENT_PAID : CaseEventType.INSTALMENT_MISSED,
        (kept ? "Instalment " + number + " paid" : "Instalment " + number + " missed: commitment broken")
            + " (" + paid.toPlainString() + " paid of " + required.toPlainString() + " due)",
        Map.of(
            "commitmentId", commitmentId.toString(), "kind", commitment.kind().name(), "instalment", number,
            "paid", paid.toPlainString(), "required", required.toPlainString()),
        "instalment:" + commitmentId + ":" + number);
    return kept;
  }

  /** The amount of the settlement on offer (the newest active settlement), if any. */
  @Transactional(readOnly = true)
  public java.util.Optional<BigDecimal> settlementOnOffer(UUID debtId) {
    return commitments.findByDebtIdAndStatus(debtId, Commitment.Status.ACTIVE).stream()
        .filter(c -> c.kind() == CommitmentKind.SETTLEMENT)
        .max(java.util.Comparator.comparing(Commitment::createdAt))
        .map(Commitment::totalAmount);
  }

  @Transactional(readOnly = true)
  public int countBroken(UUID debtId) {
    return commitments.countByDebtIdAndStatus(debtId, Commitment.Status.BROKEN);
  }

  @Transactional(readOnly = true)
  public int countKept(UUID debtId) {
    return commitments.countByDebtIdAndStatus(debtId, Commitment.Status.KEPT);
  }

  /** The variables the monitoring stage needs to pick up an active commitment where it stood. */
  @Transactional(readOnly = true)
  public Map<String, Object> resumeVariables(UUID debtId) {
    return commitments
        .findFirstByDebtIdAndStatusOrderByCreatedAtDesc(debtId, Commitment.Status.ACTIVE)
        .map(
            c -> {
              List<Instalment> pending =
                  c.instalments().stream().filter(i -> i.status() == Instalment.Status.PENDING).toList();
              Map<String, Object> variables = new LinkedHashMap<>();
              if (!pending.isEmpty()) {
                variables.put("commitmentId", c.id().toString());
                variables.put("outcome", c.kind().name());
                variables.put("instalments", instalmentVariables(pending));
              }
              return variables;
            })
        .orElse(Map.of());
  }

  /** Process variables for the monitoring loop: numbers and dates only. */
  static List<Map<String, Object>> instalmentVariables(List<Instalment> instalments) {
    return instalments.stream()
        .map(
            i ->
                Map.<String, Object>of(
                    "number", i.number(),
                    "amount", i.amount().toPlainString(),
                    "dueDate", i.dueDate().toString(),
                    "checkAt", i.checkAt().toString()))
        .toList();
  }

  private static String describe(CommitmentKind kind, Commitment c, List<NegotiationOutcome.Due> schedule) {
    var first = schedule.getFirst();
    String amount = c.instalments().getFirst().amount().toPlainString();
    return switch (kind) {
      case PROMISE_TO_PAY -> "Promise to pay " + amount + " " + c.currency() + " by " + first.dueDate();
      case SETTLEMENT ->
          "Settlement offer: " + amount + " " + c.currency() + " by " + first.dueDate();
      case PAYMENT_PLAN ->
          "Payment plan: " + schedule.size() + " × " + amount + " " + c.currency()
              + " from " + first.dueDate();
    };
  }

  private Debt debt(UUID debtId) {
    return debts.findById(debtId).orElseThrow(() -> new NotFoundException("No debt " + debtId));
  }

  private LocalDate today(Debt debt) {
    return LocalDate.now(clock.withZone(debt.debtor().timeZone()));
  }
}
