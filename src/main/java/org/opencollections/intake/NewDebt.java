package org.opencollections.intake;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.opencollections.platform.IanaZone;
import org.opencollections.platform.IsoCurrency;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/** A debt as it arrives through the API (and, later, in an import row). */
public record NewDebt(
    @Schema(description = "The creditor's reference of the debt, unique", example = "ACME-0001")
        @NotBlank @Size(max = 100) String externalRef,
    @NotNull @Valid NewDebtor debtor,
    @NotBlank
        @Pattern(
            regexp = "\\d{1,15}(\\.\\d{1,4})?",
            message = "must be a positive decimal string, e.g. \"1250.00\" (with no more decimals than its currency has)")
        @Schema(description = "What is owed, as a decimal string", type = "string")
        String principal,
    @Schema(description = "ISO 4217", example = "USD") @NotBlank @IsoCurrency String currency,
    @Schema(description = "When it fell due (days past due count from here)", example = "2027-02-09") @NotNull @org.opencollections.platform.CalendarDate LocalDate dueDate,
    @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Z][A-Z0-9_]*", message = "must be an upper-case product code such as CREDIT_CARD")
        @Schema(example = "PERSONAL_LOAN") String product) {

  /**
   * @param externalRef the creditor's customer reference (optional): a debt that carries a known one is
   *     added to that debtor, whose stored details are kept
   */
  public record NewDebtor(
      @Schema(description = "The creditor's customer reference: debts with the same one belong to one debtor", example = "CUST-4711")
          @Size(max = 100) String externalRef,
      @Schema(example = "Dana Debtor") @NotBlank @Size(max = 200) String name,
      @Schema(example = "dana@example.org") @Email @Size(max = 320) String email,
      @Size(max = 40) @Pattern(regexp = "\\+?[0-9 ()-]{5,40}", message = "must be a phone number such as +1 212 555 0100") @Schema(example = "+1 212 555 0100") String phone,
      @Schema(description = "IANA zone: contact hours are the debtor's local time", example = "America/New_York") @NotBlank @IanaZone String timeZone,
      @NotBlank
          @Pattern(regexp = "[A-Z]{2}(-[A-Z0-9]{1,3}){0,2}", message = "must be a country code, optionally with a region and a locality, e.g. IN, US-NY or US-NY-NYC")
          @Schema(description = "Selects the contact rules (dmn/contact-rules.dmn)", example = "US-NY") String jurisdiction,
      @Size(max = 20) @Schema(description = "Further phones and e-mail addresses with type, consent and flags; email and phone above become points too")
          List<@Valid @NotNull NewContactPoint> contactPoints) {

    /** The debtor as the single fields alone describe it (no further contact points). */
    public NewDebtor(String externalRef, String name, String email, String phone, String timeZone, String jurisdiction) {
      this(externalRef, name, email, phone, timeZone, jurisdiction, null);
    }
  }
}
