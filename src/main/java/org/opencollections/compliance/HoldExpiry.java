package org.opencollections.compliance;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends breathing spaces when their 60 days are over; each case whose last hold ended hears of it after the
 * commit, through the outbox (one undelivered notice does not hold up the others).
 */
@Component
class HoldExpiry {

  private final Holds holds;

  HoldExpiry(Holds holds) {
    this.holds = holds;
  }

  @Scheduled(fixedDelayString = "${collections.holds.expiry-check:PT1M}")
  void releaseExpired() {
    holds.releaseExpired();
  }
}
