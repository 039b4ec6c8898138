package org.opencollections.legal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.opencollections.timeline.CaseEventType;
import org.opencollections.timeline.Timeline;
import org.opencollections.intake.Debt;
import org.opencollections.intake.DebtRepository;
import org.opencollections.ledger.Ledger;
import org.opencollections.platform.ConflictException;
import org.opencollections.platform.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Hands approved cases to counsel with a referral package, and records counsel's outcome. */
@Service
public class LegalReferrals {

  private final LegalReferralRepository referrals;
  private final DebtRepository debts;
  private final Ledger ledger;
  private final CounselPort counsel;
  private final Timeline timeline;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  public LegalReferrals(
      LegalReferralRepository referrals, DebtRepository debts, Ledger ledger, CounselPort counsel, Timeline timeline,
      Clock clock, ApplicationEventPublisher events) {
    this.events = events;
    this.referrals = referrals;
    this.debts = debts;
    this.ledger = ledger;
    this.counsel = counsel;
    this.timeline = timeline;
    this.clock = clock;
  }

  @Transactional
  public LegalReferral handOff(UUID debtId, String idempotencyKey) {
    var earlier = referrals.findByIdempotencyKey(idempotencyKey);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    Debt debt = debts.findById(debtId).orElseThrow(() -> new NotFoundException("No debt " + debtId));
    // flushed: the outbox row written with JDBC below refers to it
    LegalReferral referral = referrals.saveAndFlush(new LegalReferral(debtId, idempotencyKey, clock.instant()));
    Map<String, Object> pack = new LinkedHashMap<>();
    pack.put("referralId", referral.id().toString());
    pack.put("debtId", debtId.toString());
    pack.put("externalRef", debt.externalRef());
    pack.put("debtor", Map.of("name", debt.debtor().name(), "jurisdiction", debt.debtor().jurisdiction()));
    pack.put("principal", debt.principal().toPlainString());
    pack.put("balance", ledger.balance(debt).toPlainString());
    pack.put("currency", debt.currency().getCurrencyCode());
    pack.put("dueDate", debt.dueDate().toString());
    pack.put("daysPastDue", debt.daysPastDue(clock));
    pack.put("timeline", timeline.of(debtId).stream().map(e -> e.occurredAt() + " " + e.summary()).toList());
    referral.referredAs(counsel.refer(referral.id(), pack));
    timeline.record(
        debtId,
        CaseEventType.LEGAL_REFERRAL,
        "Referred to counsel (" + referral.counselRef() + ")",
        Map.of("referralId", referral.id().toString(), "counselRef", referral.counselRef()),
        "referral:" + referral.id());
    return referral;
  }

  /** Records counsel's outcome on the open referral; the same outcome again changes nothing. */
  @Transactional
  public LegalReferral recordOutcome(UUID debtId, LegalOutcome outcome) {
    if (!debts.existsById(debtId)) {
      throw new NotFoundException("No debt " + debtId);
    }
    LegalReferral referral =
        referrals.findFirstByDebtIdOrderByReferredAtDesc(debtId)
            .orElseThrow(() -> new ConflictException("Debt " + debtId + " was never referred to counsel"));
    if (referral.outcome() != null) {
      if (referral.outcome().equals(outcome.name())) {
        return referral;
      }
      throw new ConflictException("Counsel already reported " + referral.outcome() + " on referral " + referral.id());
    }
    referral.outcome(outcome, clock.instant());
    events.publishEvent(new LegalOutcomeReported(debtId, outcome, "legal-outcome:" + referral.id())); // outbox
    timeline.record(
        debtId, CaseEventType.LEGAL_OUTCOME, "Counsel reports: " + outcome,
        Map.of("referralId", referral.id().toString(), "outcome", outcome.name()), "legal-outcome:" + referral.id());
    return referral;
  }

  @Transactional(readOnly = true)
  public Optional<String> latestOutcome(UUID debtId) {
    return referrals.findFirstByDebtIdOrderByReferredAtDesc(debtId).map(LegalReferral::outcome);
  }

  @Transactional(readOnly = true)
  public boolean awaitingCounsel(UUID debtId) {
    return referrals.findFirstByDebtIdOrderByReferredAtDesc(debtId).map(r -> r.outcome() == null).orElse(false);
  }
}
