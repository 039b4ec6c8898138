package org.opencollections.compliance;

import org.opencollections.intake.Debtor;

/** How a debtor is contacted. */
public enum Channel {
  EMAIL,
  SMS,
  LETTER,
  CALL;

  /** The debtor's detail this channel sends to (a letter goes to the person on file); null or blank if none. */
  public String recipientOf(Debtor debtor) {
    return switch (this) {
      case EMAIL -> debtor.email();
      case SMS, CALL -> debtor.phone();
      case LETTER -> debtor.name();
    };
  }

  /** Whether the debtor has the detail this channel needs. */
  public boolean reaches(Debtor debtor) {
    String to = recipientOf(debtor);
    return to != null && !to.isBlank();
  }
}
