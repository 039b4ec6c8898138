package org.opencollections.compliance;

import java.util.UUID;

/** A hold started on a debt: the process interrupts collection and treats the hold by its kind. */
public record HoldStarted(UUID debtId, UUID holdId, HoldKind kind) {}
