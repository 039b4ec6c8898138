package org.opencollections.portfolio;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import org.opencollections.intake.ContactPoints;
import org.opencollections.intake.DebtIntake;
import org.opencollections.intake.NewDebt;
import org.springframework.stereotype.Component;

/**
 * Checks a row with the rules of POST /api/debts: the constraints declared on {@link NewDebt} and the
 * amount rules of {@link DebtIntake}. Each reason names the field and the value, so a person can fix it.
 * (Duplicates need the database and the rest of the file: the store checks them.)
 */
@Component
class RowValidator {

  private static final Comparator<ConstraintViolation<NewDebt>> BY_FIELD =
      Comparator.comparing((ConstraintViolation<NewDebt> v) -> v.getPropertyPath().toString())
          .thenComparing(ConstraintViolation::getMessage);

  private final Validator validator;

  RowValidator(Validator validator) {
    this.validator = validator;
  }

  /** Every reason the row cannot be imported; empty if it can. */
  List<String> reasons(Row row) {
    List<String> reasons = new ArrayList<>(row.reasons());
    NewDebt debt = row.debt();
    if (debt == null) {
      return reasons;
    }
    Set<ConstraintViolation<NewDebt>> violations = validator.validate(debt);
    boolean amountChecked = true;
    for (ConstraintViolation<NewDebt> v : violations.stream().sorted(BY_FIELD).toList()) {
      String field = v.getPropertyPath().toString();
      if (row.unreadable().contains(field)) {
        continue; // its reason is already given
      }
      if (field.equals("principal") || field.equals("currency")) {
        amountChecked = false;
      }
      Class<? extends Annotation> constraint = v.getConstraintDescriptor().getAnnotation().annotationType();
      reasons.add(
          missing(constraint, v.getInvalidValue())
              ? field + " is missing"
              : field + " '" + abbreviate(String.valueOf(v.getInvalidValue())) + "' " + v.getMessage());
    }
    ContactPoints.problems(debt.debtor()).forEach((field, problem) -> reasons.add(field + " " + problem));
    nulCharacters(debt, "", reasons);
    if (debt.debtor() != null) {
      nulCharacters(debt.debtor(), "debtor.", reasons);
    }
    if (amountChecked && debt.principal() != null && debt.currency() != null) {
      BigDecimal principal = new BigDecimal(debt.principal());
      DebtIntake.principalError(principal, Currency.getInstance(debt.currency()))
          .ifPresent(e -> reasons.add("principal '" + debt.principal() + "' " + e));
    }
    return reasons;
  }

  /**
   * PostgreSQL cannot store a NUL character, and bytes that were not UTF-8 arrive as U+FFFD: the row is
   * refused naming the field, the rest goes on.
   */
  private static void nulCharacters(Record record, String prefix, List<String> reasons) {
    for (var component : record.getClass().getRecordComponents()) {
      if (component.getType() != String.class) {
        continue;
      }
      try {
        String value = (String) component.getAccessor().invoke(record);
        if (value != null && value.indexOf('\u0000') >= 0) {
          reasons.add(prefix + component.getName() + " contains a NUL character");
        }
        if (value != null && value.indexOf('\uFFFD') >= 0) {
          reasons.add(prefix + component.getName()
              + " contains bytes that are not UTF-8 (send the file in UTF-8, or name its charset in Content-Type)");
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static boolean missing(Class<? extends Annotation> constraint, Object value) {
    return constraint == NotNull.class || (constraint == NotBlank.class && (value == null || value.toString().isBlank()));
  }

  static String notADate(String field, String value) {
    return field + " '" + abbreviate(value) + "' is not a date: write it as yyyy-MM-dd, e.g. 2027-02-09";
  }

  static String abbreviate(String value) {
    return value.length() <= 60 ? value : value.substring(0, 57) + "...";
  }
}
