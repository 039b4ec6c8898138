package org.opencollections.ledger;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** A payment as the payer's bank or the debtor reports it; the reference is unique per payment. */
public record NewPayment(
    @NotBlank @Size(max = 120) String reference,
    @NotNull BigDecimal amount,
    @NotBlank @org.opencollections.web.IsoCurrency String currency) {}
