package org.opencollections.intake;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.opencollections.web.IanaZone;
import org.opencollections.web.IsoCurrency;
import java.time.LocalDate;

/** A debt as it arrives through the API (and, later, in an import row). */
public record NewDebt(
    @NotBlank @Size(max = 100) String externalRef,
    @NotNull @Valid NewDebtor debtor,
    @NotBlank
        @Pattern(
            regexp = "\\d{1,15}(\\.\\d{1,2})?",
            message = "must be a positive decimal string with at most two decimals, e.g. \"1250.00\"")
        String principal,
    @NotBlank @IsoCurrency String currency,
    @NotNull LocalDate dueDate,
    @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Z][A-Z0-9_]*", message = "must be an upper-case product code such as CREDIT_CARD")
        String product) {

  /**
   * @param externalRef the creditor's customer reference (optional): a debt that carries a known one is
   *     added to that debtor, whose stored details are kept
   */
  public record NewDebtor(
      @Size(max = 100) String externalRef,
      @NotBlank @Size(max = 200) String name,
      @Email @Size(max = 320) String email,
      @Size(max = 40) @Pattern(regexp = "\\+?[0-9 ()-]{5,40}", message = "must be a phone number such as +1 212 555 0100") String phone,
      @NotBlank @IanaZone String timeZone,
      @NotBlank
          @Pattern(regexp = "[A-Z]{2}(-[A-Z0-9]{1,3})?", message = "must be a country code, optionally with a region, e.g. US-NY or IN")
          String jurisdiction) {}
}
