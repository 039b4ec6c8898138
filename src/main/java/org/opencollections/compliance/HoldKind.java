package org.opencollections.compliance;

import java.time.Duration;

/**
 * Why collection pauses. A breathing space ends by itself after 60 days; the others when released. Every
 * hold stops contact except hardship, where the debtor may be offered an affordable plan. Hardship (forbearance),
 * breathing space, bankruptcy (the automatic stay) and a deceased debtor's estate also freeze interest and fees.
 */
public enum HoldKind {
  DISPUTE(null, true, false),
  CEASE_COMMUNICATION(null, true, false),
  BANKRUPTCY(null, true, true),
  DECEASED(null, true, true),
  HARDSHIP(null, false, true),
  BREATHING_SPACE(Duration.ofDays(60), true, true);

  private final Duration fixedLength;
  private final boolean stopsContact;
  private final boolean freezesCharges;

  HoldKind(Duration fixedLength, boolean stopsContact, boolean freezesCharges) {
    this.fixedLength = fixedLength;
    this.stopsContact = stopsContact;
    this.freezesCharges = freezesCharges;
  }

  public boolean freezesCharges() {
    return freezesCharges;
  }

  public boolean stopsContact() {
    return stopsContact;
  }

  public Duration fixedLength() {
    return fixedLength;
  }
}
