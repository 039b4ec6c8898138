package org.opencollections.compliance;

import java.util.UUID;

/** The last active hold on a debt ended ({@code holdId} is the one released last): collection may go on. */
public record HoldsReleased(UUID debtId, UUID holdId) {}
