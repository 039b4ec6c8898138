package org.opencollections.ledger;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** A payment as the payer's bank or the debtor reports it; the reference is unique per payment. */
public record NewPayment(
    @io.swagger.v3.oas.annotations.media.Schema(description = "The bank's reference: a payment posts once per reference", example = "BANK-7781")
        @NotBlank @Size(max = 120) String reference,
    @io.swagger.v3.oas.annotations.media.Schema(type = "string", description = "A decimal string, e.g. \"5000.00\"") @NotNull BigDecimal amount,
    @io.swagger.v3.oas.annotations.media.Schema(example = "USD") @NotBlank @org.opencollections.platform.IsoCurrency String currency) {}
