package org.opencollections.compliance;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * Everything the governor looks at for one contact attempt, gathered from the database beforehand, so the
 * rules themselves are a pure function that tests can drive to every edge.
 *
 * @param earlierCommunications outbound communications about this debt that were made (allowed) on the channels
 *     the jurisdiction counts toward its limit (calls everywhere, texts too in Massachusetts ...), oldest first
 * @param conversations times of telephone conversations about this debt
 * @param debtorCommunications the same, to the debtor about any of their debts (this one included)
 * @param point the contact point the contact uses (a phone or an e-mail address); null for a letter, or when the
 *     point's own rules are not asked
 */
public record ContactSituation(
    Instant at,
    ZoneId debtorZone,
    Channel channel,
    String template,
    boolean activeHold,
    String holdKind,
    boolean ceaseCommunication,
    boolean representedByAttorney,
    Set<Channel> blockedChannels,
    boolean timeBarred,
    List<Instant> earlierCommunications,
    List<Instant> conversations,
    List<Instant> debtorCommunications,
    ContactRules.Point point) {

  /** A situation whose contact point is not in question (a letter, or a rule test about timing). */
  public ContactSituation(
      Instant at, ZoneId debtorZone, Channel channel, String template, boolean activeHold, String holdKind,
      boolean ceaseCommunication, boolean representedByAttorney, Set<Channel> blockedChannels, boolean timeBarred,
      List<Instant> earlierCommunications, List<Instant> conversations, List<Instant> debtorCommunications) {
    this(at, debtorZone, channel, template, activeHold, holdKind, ceaseCommunication, representedByAttorney,
        blockedChannels, timeBarred, earlierCommunications, conversations, debtorCommunications, null);
  }

  /** Templates allowed after a cease request: the confirmation that contact stops. */
  static final Set<String> ALLOWED_AFTER_CEASE = Set.of("cease-confirmation");

  /** Templates that speak of legal action. */
  static final Set<String> LEGAL_THREATS = Set.of("final-notice", "legal-action-notice");
}
