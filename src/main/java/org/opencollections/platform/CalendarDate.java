package org.opencollections.platform;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;

/**
 * A date a debt can carry: between 1900-01-01 and 9999-12-31. ISO 8601 lets a year have five digits
 * (+10000-01-01); no debt falls due then, and PostgreSQL's text form of such a date is not ISO either. Null
 * is left to @NotNull.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CalendarDate.Validator.class)
public @interface CalendarDate {
  String message() default "must be between 1900-01-01 and 9999-12-31";
  Class<?>[] groups() default {};
  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<CalendarDate, LocalDate> {
    @Override
    public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
      return value == null || (value.getYear() >= 1900 && value.getYear() <= 9999);
    }
  }
}
