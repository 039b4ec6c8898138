package org.opencollections.intake;

/** OPEN while the debt is being collected; the others say how the case ended. */
public enum CaseStatus {
  OPEN,
  PAID,
  SETTLED,
  WRITTEN_OFF;

  public boolean closed() {
    return this != OPEN;
  }
}
