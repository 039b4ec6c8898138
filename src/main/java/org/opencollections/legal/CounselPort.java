package org.opencollections.legal;

import java.util.Map;
import java.util.UUID;

/** Counsel's system, a third party: a referral package goes out, a reference comes back. */
public interface CounselPort {

  /** @return counsel's reference for the referral; called once per referral id */
  String refer(UUID referralId, Map<String, Object> referralPackage);
}
