package org.opencollections.negotiation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fields of the negotiation form (bpmn/negotiation-outcome.form). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NegotiationOutcome(
    String outcome,
    BigDecimal promiseAmount,
    LocalDate promiseDate,
    BigDecimal promiseTolerancePercent,
    Integer promiseGraceDays,
    BigDecimal declaredMonthlyIncome,
    BigDecimal declaredMonthlyExpenses,
    BigDecimal planInstalmentAmount,
    Integer planInstalmentCount,
    LocalDate planFirstDueDate,
    Integer planIntervalDays,
    BigDecimal settlementAmount,
    LocalDate settlementDueDate) {

  public static final String NO_CONTACT = "NO_CONTACT";
  static final int MAX_INSTALMENTS = 60;
  static final int MAX_DAYS_AHEAD = 400;
  static final BigDecimal MAX_TOLERANCE_PERCENT = BigDecimal.TEN;
  static final int MAX_GRACE_DAYS = 14;

  /** One instalment of a schedule. */
  public record Due(int number, BigDecimal amount, LocalDate dueDate) {}

  /**
   * Checks the outcome against the form's rules and the debt; {@code today} is the debtor's date.
   *
   * @return field → message; empty when the outcome is valid
   */
  public Map<String, String> problems(LocalDate today, BigDecimal balance, int currencyDigits) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (outcome == null) {
      errors.put("outcome", "is required: one of PROMISE_TO_PAY, PAYMENT_PLAN, SETTLEMENT, NO_CONTACT");
      return errors;
    }
    if (NO_CONTACT.equals(outcome)) {
      return errors;
    }
    CommitmentKind kind;
    try {
      kind = CommitmentKind.valueOf(outcome);
    } catch (IllegalArgumentException e) {
      errors.put("outcome", "must be one of PROMISE_TO_PAY, PAYMENT_PLAN, SETTLEMENT, NO_CONTACT, not " + outcome);
      return errors;
    }
    switch (kind) {
      case PROMISE_TO_PAY -> {
        amount("promiseAmount", promiseAmount, currencyDigits, errors);
        if (!errors.containsKey("promiseAmount") && balance != null && promiseAmount.compareTo(balance) > 0) {
          errors.put("promiseAmount", "must not exceed the balance of " + balance.toPlainString());
        }
        date("promiseDate", promiseDate, today, errors);
        if (promiseTolerancePercent != null
            && (promiseTolerancePercent.signum() < 0 || promiseTolerancePercent.compareTo(MAX_TOLERANCE_PERCENT) > 0)) {
          errors.put("promiseTolerancePercent", "must be between 0 and " + MAX_TOLERANCE_PERCENT);
        }
        if (promiseGraceDays != null && (promiseGraceDays < 0 || promiseGraceDays > MAX_GRACE_DAYS)) {
          errors.put("promiseGraceDays", "must be between 0 and " + MAX_GRACE_DAYS);
        }
      }
      case PAYMENT_PLAN -> {
        amount("planInstalmentAmount", planInstalmentAmount, currencyDigits, errors);
        if (!errors.containsKey("planInstalmentAmount") && balance != null && planInstalmentAmount.compareTo(balance) > 0) {
          errors.put("planInstalmentAmount", "must not exceed the balance of " + balance.toPlainString());
        }
        if (planInstalmentCount == null || planInstalmentCount < 1 || planInstalmentCount > MAX_INSTALMENTS) {
          errors.put("planInstalmentCount", "must be between 1 and " + MAX_INSTALMENTS);
        }
        date("planFirstDueDate", planFirstDueDate, today, errors);
        if (planIntervalDays != null && (planIntervalDays < 7 || planIntervalDays > 31)) {
          errors.put("planIntervalDays", "must be between 7 and 31 days");
        }
        affordability(currencyDigits, errors);
      }
      case SETTLEMENT -> {
        amount("settlementAmount", settlementAmount, currencyDigits, errors);
        if (settlementAmount != null && balance != null && settlementAmount.compareTo(balance) >= 0) {
          errors.put("settlementAmount", "must be less than the balance of " + balance.toPlainString() + "; otherwise it is a promise to pay");
        }
        date("settlementDueDate", settlementDueDate, today, errors);
      }
    }
    return errors;
  }

  /**
   * A plan must be affordable: its instalments, counted per month, may not exceed what the debtor declared
   * they have left after essential expenses.
   */
  private void affordability(int currencyDigits, Map<String, String> errors) {
    if (declaredMonthlyIncome == null || declaredMonthlyIncome.signum() < 0) {
      errors.put("declaredMonthlyIncome", "is required for a plan (zero or more)");
    } else if (declaredMonthlyIncome.compareTo(org.opencollections.platform.Money.LIMIT) >= 0) {
      errors.put("declaredMonthlyIncome", "must be less than " + org.opencollections.platform.Money.LIMIT.toPlainString());
    }
    if (declaredMonthlyExpenses == null || declaredMonthlyExpenses.signum() < 0) {
      errors.put("declaredMonthlyExpenses", "is required for a plan (zero or more)");
    } else if (declaredMonthlyExpenses.compareTo(org.opencollections.platform.Money.LIMIT) >= 0) {
      errors.put("declaredMonthlyExpenses", "must be less than " + org.opencollections.platform.Money.LIMIT.toPlainString());
    }
    if (errors.containsKey("declaredMonthlyIncome") || errors.containsKey("declaredMonthlyExpenses")
        || errors.containsKey("planInstalmentAmount") || errors.containsKey("planIntervalDays")) {
      return;
    }
    BigDecimal disposable = declaredMonthlyIncome.subtract(declaredMonthlyExpenses);
    if (disposable.signum() <= 0) {
      errors.put("declaredMonthlyExpenses",
          "leave nothing to pay from (" + disposable.toPlainString() + " a month): record a hardship hold instead of a plan");
      return;
    }
    BigDecimal perMonth = monthlyEquivalent();
    if (perMonth.compareTo(disposable) > 0) {
      errors.put("planInstalmentAmount",
          "comes to " + perMonth.setScale(currencyDigits, java.math.RoundingMode.HALF_UP).toPlainString()
              + " a month, more than the debtor can afford (" + disposable.toPlainString()
              + " a month after expenses): lower the instalment or lengthen the interval");
    }
  }

  /** The plan's instalment counted per month (30 days). */
  BigDecimal monthlyEquivalent() {
    int interval = planIntervalDays == null ? 30 : planIntervalDays;
    return planInstalmentAmount.multiply(BigDecimal.valueOf(30)).divide(BigDecimal.valueOf(interval), 4, java.math.RoundingMode.HALF_UP);
  }

  public boolean commitsToPay() {
    return outcome != null && !NO_CONTACT.equals(outcome);
  }

  /** The instalments this outcome commits the debtor to; call only on a valid outcome. */
  public List<Due> schedule() {
    CommitmentKind kind = CommitmentKind.valueOf(outcome);
    return switch (kind) {
      case PROMISE_TO_PAY -> List.of(new Due(1, promiseAmount, promiseDate));
      case SETTLEMENT -> List.of(new Due(1, settlementAmount, settlementDueDate));
      case PAYMENT_PLAN -> {
        int interval = planIntervalDays == null ? 30 : planIntervalDays;
        List<Due> dues = new ArrayList<>();
        for (int i = 0; i < planInstalmentCount; i++) {
          dues.add(new Due(i + 1, planInstalmentAmount, planFirstDueDate.plusDays((long) i * interval)));
        }
        yield dues;
      }
    };
  }

  private static void amount(String field, BigDecimal value, int digits, Map<String, String> errors) {
    if (value == null) {
      errors.put(field, "is required");
    } else {
      org.opencollections.platform.Money.problem(value, digits).ifPresent(e -> errors.put(field, e));
    }
  }

  private static void date(String field, LocalDate value, LocalDate today, Map<String, String> errors) {
    if (value == null) {
      errors.put(field, "is required");
    } else if (value.isBefore(today)) {
      errors.put(field, "must not be in the past (today is " + today + " for the debtor)");
    } else if (value.isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
      errors.put(field, "must be within " + MAX_DAYS_AHEAD + " days");
    }
  }
}
