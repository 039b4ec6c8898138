package org.opencollections.platform;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Currency;

/** An ISO 4217 currency code that Java knows, such as USD or INR. Null is left to @NotBlank. */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IsoCurrency.Validator.class)
public @interface IsoCurrency {
  String message() default "is not an ISO 4217 currency code such as USD";
  Class<?>[] groups() default {};
  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<IsoCurrency, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      try {
        return Currency.getInstance(value).getCurrencyCode().equals(value);
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }
}
