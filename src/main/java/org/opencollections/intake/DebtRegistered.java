package org.opencollections.intake;

import java.util.UUID;

/** A debt was registered (through the API): its case's process is to be started. Ids only, no debtor data. */
public record DebtRegistered(UUID debtId) {}
