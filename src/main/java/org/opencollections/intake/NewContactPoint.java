package org.opencollections.intake;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** A phone number or e-mail address of a debtor as it arrives (POST /api/debts, an import row, the contact-points API). */
public record NewContactPoint(
    @NotNull ContactPoint.Kind kind,
    @NotBlank @Size(max = 320) @Schema(example = "+1 212 555 0101") String value,
    @NotNull @Schema(description = "MOBILE, HOME or WORK for a phone; PERSONAL or WORK for an e-mail address") ContactPoint.Type type,
    @Valid @Schema(description = "The debtor's consent per use; a use left out has none recorded") Consents consent,
    @Schema(description = "Only for a WORK phone: the debtor said calls at work are inconvenient or their employer prohibits them")
        Boolean doNotCallAtWork,
    @Min(0) @Max(1000) @Schema(description = "Lower is tried first; absent: after the points listed before it") Integer priority) {

  /** Consent to calls and texts (a phone), or to e-mail (an address). */
  public record Consents(@Valid ConsentEntry call, @Valid ConsentEntry text, @Valid ConsentEntry email) {

    ConsentEntry of(ContactPoint.Use use) {
      return switch (use) {
        case CALL -> call;
        case TEXT -> text;
        case EMAIL -> email;
      };
    }
  }

  /**
   * @param at when it was given or withdrawn (RFC 3339); absent: when it is recorded
   * @param source how it was given, e.g. "application form" or "oral on call"
   */
  public record ConsentEntry(
      @NotNull ContactPoint.Consent status,
      @Schema(example = "2027-02-01T10:00:00-05:00") OffsetDateTime at,
      @Size(max = 200) @Schema(example = "application form") String source) {}

  static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()-]{5,40}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  /**
   * What bean validation cannot see, field by field (the prefix names where the point is, e.g.
   * {@code debtor.contactPoints[1].}): the value fits the kind, the type fits the kind, consents fit its uses.
   */
  public Map<String, String> problems(String prefix) {
    Map<String, String> problems = new LinkedHashMap<>();
    if (kind == null) {
      return problems; // bean validation says so
    }
    if (value != null && !value.isBlank()) {
      if (kind == ContactPoint.Kind.PHONE && !PHONE.matcher(value.trim()).matches()) {
        problems.put(prefix + "value", "must be a phone number such as +1 212 555 0100");
      }
      if (kind == ContactPoint.Kind.EMAIL && (value.length() > 320 || !EMAIL.matcher(value.trim()).matches())) {
        problems.put(prefix + "value", "must be an e-mail address such as dana@example.org");
      }
    }
    if (type != null && !type.fits(kind)) {
      problems.put(prefix + "type", kind == ContactPoint.Kind.PHONE
          ? "a phone is MOBILE, HOME or WORK" : "an e-mail address is PERSONAL or WORK");
    }
    if (Boolean.TRUE.equals(doNotCallAtWork) && (kind != ContactPoint.Kind.PHONE || type != ContactPoint.Type.WORK)) {
      problems.put(prefix + "doNotCallAtWork", "only a WORK phone can be marked do-not-call-at-work");
    }
    if (consent != null) {
      for (ContactPoint.Use use : ContactPoint.Use.values()) {
        if (consent.of(use) != null && !ContactPoint.usesOf(kind).contains(use)) {
          problems.put(prefix + "consent." + use.name().toLowerCase(), "a " + kind.name().toLowerCase() + " has no "
              + use.name().toLowerCase() + " consent (a phone: call and text; an e-mail address: email)");
        }
      }
    }
    return problems;
  }
}
