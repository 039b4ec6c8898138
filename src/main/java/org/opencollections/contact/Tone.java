package org.opencollections.contact;

/** How a message speaks to the debtor: from polite to firm. There is no threatening tone. */
public enum Tone {
  POLITE,
  NEUTRAL,
  FIRM
}
