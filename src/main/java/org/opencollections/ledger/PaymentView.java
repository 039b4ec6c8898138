package org.opencollections.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

public record PaymentView(
    UUID postingId, UUID debtId, String reference, BigDecimal amount, String currency, Instant bookedAt,
    BigDecimal balanceAfter, boolean paidInFull) {}
