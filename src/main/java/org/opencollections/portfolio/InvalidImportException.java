package org.opencollections.portfolio;

/** The file as a whole cannot be imported (no rows, a header without a required column...). */
class InvalidImportException extends RuntimeException {
  InvalidImportException(String message) {
    super(message);
  }
}
