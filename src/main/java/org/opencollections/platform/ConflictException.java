package org.opencollections.platform;

/** The request is well-formed but the case's state does not allow it. */
public class ConflictException extends RuntimeException {
  public ConflictException(String message) {
    super(message);
  }
}
