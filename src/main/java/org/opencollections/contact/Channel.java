package org.opencollections.contact;

public enum Channel {
  EMAIL,
  SMS,
  LETTER,
  CALL
}
