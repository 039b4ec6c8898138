package org.opencollections.platform;

import java.util.Map;

/** Input a person can fix: each entry names a field and says what is wrong with it. */
public class InvalidInputException extends RuntimeException {

  private final Map<String, String> errors;

  public InvalidInputException(Map<String, String> errors) {
    super("Invalid input: " + errors);
    this.errors = Map.copyOf(errors);
  }

  public InvalidInputException(String field, String message) {
    this(Map.of(field, message));
  }

  public Map<String, String> errors() {
    return errors;
  }
}
