package org.opencollections.casefile;

/**
 * The engine did not take the command now (backpressure, or no leader for a moment) and did not act on it:
 * the same command may be sent again after a pause.
 */
public class EngineBusyException extends RuntimeException {
  public EngineBusyException(String message, Throwable cause) {
    super(message, cause);
  }
}
