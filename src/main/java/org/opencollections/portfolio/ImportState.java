package org.opencollections.portfolio;

/** Where an import stands. Rows are stored first (each either a debt or a rejection), then cases start. */
public enum ImportState {
  /** The file is spooled; storing has not begun. */
  RECEIVED,
  /** Rows are being validated and stored, a chunk at a time. */
  STORING,
  /** Every row is stored or rejected; the debts' cases are being started at the pace the engine accepts. */
  STARTING_CASES,
  /** Every imported debt has its case. */
  COMPLETED,
  /** The file could not be read on (see failure); rows up to the last committed line are kept. */
  FAILED
}
