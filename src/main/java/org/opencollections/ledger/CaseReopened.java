package org.opencollections.ledger;

import java.util.UUID;

/** A reversal made a case that was closed as paid owe again: its process starts again at negotiation. */
public record CaseReopened(UUID debtId, UUID reversalId) {}
