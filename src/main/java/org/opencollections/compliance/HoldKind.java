package org.opencollections.compliance;

import java.time.Duration;

/**
 * Why collection pauses. A breathing space ends by itself after 60 days; the others when released. Every
 * hold stops contact except hardship, where the debtor may be offered an affordable plan.
 */
public enum HoldKind {
  DISPUTE(null, true),
  CEASE_COMMUNICATION(null, true),
  BANKRUPTCY(null, true),
  DECEASED(null, true),
  HARDSHIP(null, false),
  BREATHING_SPACE(Duration.ofDays(60), true);

  private final Duration fixedLength;
  private final boolean stopsContact;

  HoldKind(Duration fixedLength, boolean stopsContact) {
    this.fixedLength = fixedLength;
    this.stopsContact = stopsContact;
  }

  public boolean stopsContact() {
    return stopsContact;
  }

  public Duration fixedLength() {
    return fixedLength;
  }
}
