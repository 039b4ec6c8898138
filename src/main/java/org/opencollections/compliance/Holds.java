package org.opencollections.compliance;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opencollections.timeline.CaseEventType;
import org.opencollections.timeline.Timeline;
import org.opencollections.intake.DebtRepository;
import org.opencollections.platform.ConflictException;
import org.opencollections.platform.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Starts and releases holds; while one is active the governor blocks every contact on the debt. */
@Service
public class Holds {

  private final HoldRepository holds;
  private final DebtRepository debts;
  private final Timeline timeline;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final HoldTreatment treatment;
  private final ContactPreferencesRepository preferences;

  public Holds(HoldRepository holds, DebtRepository debts, Timeline timeline, Clock clock, ApplicationEventPublisher events,
      HoldTreatment treatment, ContactPreferencesRepository preferences) {
    this.preferences = preferences;
    this.treatment = treatment;
    this.holds = holds;
    this.debts = debts;
    this.timeline = timeline;
    this.clock = clock;
    this.events = events;
  }

  /** A hold started now, or the one started before under the same client key. */
  public record Started(Hold hold, boolean created) {}

  /**
   * Starts a hold; the case's process hears of it after the commit (outbox).
   *
   * @param requestId the client's key (optional): the same key again answers the first hold, never a second
   */
  /** A hold received now, by a written request (the strictest reading). */
  @Transactional
  public Started start(UUID debtId, HoldKind kind, String reason, String requestId) {
    return start(debtId, kind, reason, requestId, null, null);
  }

  /**
   * Starts a hold, or for a dispute the law does not make a hold (oral, or after the validation period) and
   * dmn/hold-treatment.dmn does not pause either, records it as noted: released at once, collection goes on.
   *
   * @param medium how a dispute or cease request came (null: taken as written)
   * @param receivedAt when it was received (null: now); never in the future
   */
  @Transactional
  public Started start(
      UUID debtId, HoldKind kind, String reason, String requestId, Medium medium, Instant receivedAt) {
    return start(debtId, kind, reason, requestId, medium, receivedAt, null);
  }

  /**
   * @param channel for a cease request: the medium the debtor asked us to stop using (optional). When
   *     dmn/hold-treatment.dmn scopes the request to that channel (an oral request, 12 CFR 1006.14(h)) the channel is
   *     blocked for the debtor and the request is noted; otherwise every communication stops (15 U.S.C. 1692c(c))
   */
  @Transactional
  public Started start(
      UUID debtId, HoldKind kind, String reason, String requestId, Medium medium, Instant receivedAt, Channel channel) {
    var debt = debts.lockById(debtId).orElseThrow(() -> new NotFoundException("No debt " + debtId));
    if (requestId != null) { // under the debt's lock: a concurrent retry waits here and finds the first one
      var earlier = holds.findByDebtIdAndRequestId(debtId, requestId);
      if (earlier.isPresent()) {
        if (earlier.get().kind() != kind) {
          throw new ConflictException(
              "Request " + requestId + " started a " + earlier.get().kind() + " hold before, not a " + kind + " one");
        }
        return new Started(earlier.get(), false);
      }
    }
    if (debt.status().closed()) {
      throw new ConflictException("The case is closed (" + debt.status() + ")");
    }
    Instant now = clock.instant();
    Instant received = receivedAt == null ? now : receivedAt;
    if (received.isAfter(now)) {
      throw new org.opencollections.platform.InvalidInputException("receivedAt", "lies in the future");
    }
    // the law's minimum, then the creditor's policy (dmn/hold-treatment.dmn)
    HoldTreatment.Treatment treated =
        kind == HoldKind.DISPUTE || kind == HoldKind.CEASE_COMMUNICATION
            ? treatment.decide(kind, medium, received, debt.validationNoticeSentAt(), debt.debtor().timeZone())
            : new HoldTreatment.Treatment(false, true, null, Map.of());
    boolean oneChannel = kind == HoldKind.CEASE_COMMUNICATION && treated.ceasesOneChannel() && channel != null;
    if (kind == HoldKind.CEASE_COMMUNICATION && !oneChannel) {
      // a written cease, or an oral one that names no medium: every communication stops (the strictest reading)
      treated = new HoldTreatment.Treatment(false, true, treated.reason(), treated.decision(), "ALL");
    }
    boolean inTime = treated.verificationRequired();
    Hold hold = holds.save(new Hold(debtId, kind, reason, inTime, now, requestId, medium, received, treated.pausesCollection()));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("holdId", hold.id().toString());
    details.put("kind", kind.name());
    details.put("medium", medium == null ? null : medium.name());
    details.put("receivedAt", received.toString());
    details.put("endsAt", hold.endsAt() == null ? null : hold.endsAt().toString());
    details.put("requiresVerification", inTime);
    details.put("pausesCollection", treated.pausesCollection());
    details.put("actor", hold.actor());
    if (!treated.decision().isEmpty()) {
      details.put("treatment", treated.decision());
    }
    String what = kind + (medium == null ? "" : " (" + medium.name().toLowerCase() + ")");
    if (oneChannel) {
      // 12 CFR 1006.14(h): the medium the debtor named is not used again; the others go on
      var prefs = preferences.findById(debt.debtor().id()).orElseGet(() -> new ContactPreferences(debt.debtor().id()));
      java.util.Set<Channel> blocked = java.util.EnumSet.of(channel);
      blocked.addAll(prefs.blockedChannels());
      prefs.update(prefs.ceaseCommunication(), blocked, prefs.attorneyName(), prefs.attorneyPhone(), prefs.attorneyEmail(), now);
      preferences.save(prefs);
      hold.release(now);
      details.put("blockedChannel", channel.name());
      details.put("ceaseScope", "CHANNEL");
      timeline.record(debtId, CaseEventType.HOLD_STARTED,
          "Cease request noted: " + what + ", " + channel + " is no longer used (12 CFR 1006.14(h)); other channels go on"
              + (reason == null ? "" : " — " + reason), details, "hold-started:" + hold.id());
      return new Started(hold, true);
    }
    if (!treated.pausesCollection()) {
      // noted, not held: nothing stops, the process is not interrupted
      hold.release(now);
      timeline.record(debtId, CaseEventType.HOLD_STARTED,
          "Dispute noted: " + what + ", "
              + (treated.reason() == null ? "the law requires no verification; collection goes on" : treated.reason())
              + (reason == null ? "" : " — " + reason), details,
          "hold-started:" + hold.id());
      return new Started(hold, true);
    }
    debt.holdStarted(now);
    String note =
        kind != HoldKind.DISPUTE ? ""
            : inTime ? " (in writing within the validation period: collection stops until verification is sent)"
            : " (the law requires no verification; paused by the creditor's policy"
                + (treated.reason() == null ? "" : ": " + treated.reason()) + ")";
    timeline.record(debtId, CaseEventType.HOLD_STARTED,
        "Hold started: " + what + note + (reason == null ? "" : " — " + reason), details, "hold-started:" + hold.id());
    events.publishEvent(new HoldStarted(debtId, hold.id(), kind));
    return new Started(hold, true);
  }

  @Transactional
  public Hold release(UUID debtId, UUID holdId) {
    Hold hold = find(debtId, holdId);
    if (!hold.releasable()) {
      throw new ConflictException(
          "A dispute made within the validation period stays until verification is sent: POST /api/debts/"
              + debtId + "/holds/" + holdId + "/verification");
    }
    return releaseNow(debtId, hold);
  }

  /** Records that verification of the debt was sent to the debtor, and releases the dispute. */
  @Transactional
  public Hold verify(UUID debtId, UUID holdId) {
    Hold hold = find(debtId, holdId);
    if (hold.kind() != HoldKind.DISPUTE) {
      throw new ConflictException("Only a dispute is resolved by verification; this hold is " + hold.kind());
    }
    if (hold.verifiedAt() == null) {
      hold.verified(clock.instant());
      timeline.record(debtId, CaseEventType.VERIFICATION_SENT, "Verification of the debt sent to the debtor",
          Map.of("holdId", holdId.toString()), "verification:" + holdId);
    }
    return releaseNow(debtId, hold);
  }

  private Hold find(UUID debtId, UUID holdId) {
    return holds.findByIdAndDebtId(holdId, debtId)
        .orElseThrow(() -> new NotFoundException("No hold " + holdId + " on debt " + debtId));
  }

  /** The most recently started hold that is still active. */
  @Transactional(readOnly = true)
  public java.util.Optional<Hold> newestActive(UUID debtId) {
    Instant now = clock.instant();
    return holds.findByDebtIdAndReleasedAtIsNull(debtId).stream()
        .filter(h -> h.activeAt(now))
        .max(java.util.Comparator.comparing(Hold::startedAt));
  }

  /** An active hold that freezes interest and fees (hardship, breathing space, bankruptcy, deceased). */
  @Transactional(readOnly = true)
  public java.util.Optional<Hold> freezingCharges(UUID debtId) {
    Instant now = clock.instant();
    return holds.findByDebtIdAndReleasedAtIsNull(debtId).stream()
        .filter(h -> h.activeAt(now) && h.kind().freezesCharges())
        .findFirst();
  }

  /** @return true when no hold on the debt is active any more */
  @Transactional(readOnly = true)
  public boolean noneActive(UUID debtId) {
    Instant now = clock.instant();
    return holds.findByDebtIdAndReleasedAtIsNull(debtId).stream().noneMatch(h -> h.activeAt(now));
  }

  /** Breathing spaces end by themselves: releases every hold whose fixed length has run out. */
  @Transactional
  public List<Hold> releaseExpired() {
    Instant now = clock.instant();
    List<Hold> expired = holds.findByReleasedAtIsNullAndEndsAtLessThanEqual(now);
    expired.forEach(h -> releaseNow(h.debtId(), h));
    return expired;
  }

  private Hold releaseNow(UUID debtId, Hold hold) {
    UUID holdId = hold.id();
    Instant now = clock.instant();
    if (hold.release(hold.endsAt() != null && hold.endsAt().isBefore(now) ? hold.endsAt() : now)) {
      if (holds.findByDebtIdAndReleasedAtIsNull(debtId).stream().noneMatch(h -> h.activeAt(now))) {
        debts.lockById(debtId).orElseThrow().holdsEnded(hold.releasedAt());
        events.publishEvent(new HoldsReleased(debtId, holdId)); // the last one: collection goes on (outbox)
      }
      timeline.record(debtId, CaseEventType.HOLD_RELEASED, "Hold released: " + hold.kind(),
          Map.of("holdId", holdId.toString(), "kind", hold.kind().name()), "hold-released:" + holdId);
    }
    return hold;
  }
}
