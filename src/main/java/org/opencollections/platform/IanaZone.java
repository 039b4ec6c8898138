package org.opencollections.platform;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.ZoneId;

/** An IANA time zone region such as America/New_York (not a bare offset). Null is left to @NotBlank. */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IanaZone.Validator.class)
public @interface IanaZone {
  String message() default "is not an IANA time zone such as America/New_York";
  Class<?>[] groups() default {};
  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<IanaZone, String> {
    /** Read once: ZoneId builds a new set on every call, which shows when a portfolio is checked row by row. */
    private static final java.util.Set<String> ZONES = java.util.Set.copyOf(ZoneId.getAvailableZoneIds());

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      return (value.contains("/") || value.equals("UTC")) && ZONES.contains(value);
    }
  }
}
