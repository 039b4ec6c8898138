package org.opencollections.casefile;

import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** The port through which the domain drives a case's process; the engine package implements it. */
public interface CaseWorkflow extends org.opencollections.process.EngineIdentity {

  /**
   * Sends the start (at the beginning when {@code point} is null, else at the point) without waiting: the
   * stage completes with the instance key, or exceptionally with an {@link EngineBusyException} when the
   * engine asks to be called again later (backpressure), or with another exception when it refused.
   */
  CompletionStage<Long> startAsync(UUID debtId, ResumePoint point);

  /** Tells the case a payment was posted; {@code reference} makes repeated notices harmless. */
  void paymentReceived(UUID debtId, String reference, boolean paidInFull);

  /** Interrupts the collection: a hold started. */
  void holdStarted(UUID debtId, UUID holdId, String kind);

  /** The last active hold ended: collection may go on. */
  void holdsReleased(UUID debtId, UUID holdId);

  /** Tells the case what counsel reported. */
  void legalOutcomeReceived(UUID debtId, String outcome, String reference);
}
