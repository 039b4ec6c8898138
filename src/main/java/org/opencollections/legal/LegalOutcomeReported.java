package org.opencollections.legal;

import java.util.UUID;

/** Counsel reported the outcome of a referral; {@code reference} makes a repeated notice harmless. */
public record LegalOutcomeReported(UUID debtId, LegalOutcome outcome, String reference) {}
