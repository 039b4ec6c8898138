package org.opencollections.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A posting as the API shows it, with the balance after it (negative: the debtor's credit). */
public record PaymentView(
    UUID postingId, UUID debtId, PostingKind kind, String reference, BigDecimal amount, String currency,
    Instant bookedAt, BigDecimal balanceAfter, boolean paidInFull) {}
