package org.opencollections.portfolio;

import java.util.List;
import java.util.UUID;

/**
 * A page of the debts an import created, in line order; the next page is the one after {@code nextAfterLine}
 * (null: this was the last).
 */
public record ImportedDebts(List<Item> items, Integer nextAfterLine) {

  /** The line a debt came from, the debt, and whether its case has a process yet. */
  public record Item(int line, String externalRef, UUID debtId, boolean caseStarted) {}
}
