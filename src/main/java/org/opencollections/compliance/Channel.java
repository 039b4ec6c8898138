package org.opencollections.compliance;

/** How a debtor is contacted. */
public enum Channel {
  EMAIL,
  SMS,
  LETTER,
  CALL
}
