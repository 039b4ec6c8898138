package org.opencollections.compliance;

import java.time.Duration;

/** Why collection pauses. A breathing space ends by itself after 60 days; the others when released. */
public enum HoldKind {
  DISPUTE(null),
  CEASE_COMMUNICATION(null),
  BANKRUPTCY(null),
  DECEASED(null),
  HARDSHIP(null),
  BREATHING_SPACE(Duration.ofDays(60));

  private final Duration fixedLength;

  HoldKind(Duration fixedLength) {
    this.fixedLength = fixedLength;
  }

  public Duration fixedLength() {
    return fixedLength;
  }
}
