package org.opencollections.ledger;

import java.util.UUID;

/**
 * A payment was posted on an open case (or closed it): the process hears of it once per reference.
 *
 * @param paidInFull the payment cleared the balance
 */
public record PaymentPosted(UUID debtId, String reference, boolean paidInFull) {}
