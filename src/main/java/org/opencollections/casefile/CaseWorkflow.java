package org.opencollections.casefile;

import java.util.UUID;

/** The port through which the domain drives a case's process; the engine package implements it. */
public interface CaseWorkflow {

  /** Identifies the engine's lifetime: a case whose instance was started under another epoch has lost it. */
  String epoch();

  /** Starts the case's process at its beginning; returns the process instance key. */
  long start(UUID debtId);

  /** Starts a new process instance at the point where the case stood; returns its key. */
  long resume(UUID debtId, ResumePoint point);

  /** Tells the case a payment was posted; {@code reference} makes repeated notices harmless. */
  void paymentReceived(UUID debtId, String reference, boolean paidInFull);

  /** Interrupts the collection: a hold started. */
  void holdStarted(UUID debtId, UUID holdId, String kind);

  /** The last active hold ended: collection may go on. */
  void holdsReleased(UUID debtId, UUID holdId);

  /** Tells the case what counsel reported. */
  void legalOutcomeReceived(UUID debtId, String outcome, String reference);
}
