package org.opencollections.intake;

/** Where a case stands in its lifecycle; recorded by the process as it enters each stage. */
public enum Stage {
  INTAKE,
  SEGMENTATION,
  SOFT_REMINDER,
  NEGOTIATION,
  MONITORING,
  ESCALATION,
  LEGAL,
  WRITE_OFF,
  ON_HOLD,
  CLOSED
}
