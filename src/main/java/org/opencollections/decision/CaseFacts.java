package org.opencollections.decision;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.opencollections.timeline.CaseEventType;
import org.opencollections.timeline.Timeline;
import org.opencollections.compliance.Holds;
import org.opencollections.intake.Debt;
import org.opencollections.intake.DebtRepository;
import org.opencollections.ledger.Ledger;
import org.opencollections.legal.LegalReferrals;
import org.opencollections.negotiation.Commitments;
import org.opencollections.platform.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The facts every decision table may read, taken fresh from the database at the moment of the decision
 * (not from process variables, which may be days old).
 */
@Service
public class CaseFacts {

  private final DebtRepository debts;
  private final Ledger ledger;
  private final Commitments commitments;
  private final LegalReferrals referrals;
  private final Timeline timeline;
  private final Holds holds;
  private final Clock clock;
  private final int timeBarYears;

  public CaseFacts(
      DebtRepository debts, Ledger ledger, Commitments commitments, LegalReferrals referrals, Timeline timeline,
      Holds holds, Clock clock, @Value("${collections.time-bar.years:6}") int timeBarYears) {
    this.holds = holds;
    this.debts = debts;
    this.ledger = ledger;
    this.commitments = commitments;
    this.referrals = referrals;
    this.timeline = timeline;
    this.clock = clock;
    this.timeBarYears = timeBarYears;
  }

  @Transactional(readOnly = true)
  public Map<String, Object> of(UUID debtId) {
    Debt debt = debts.findById(debtId).orElseThrow(() -> new NotFoundException("No debt " + debtId));
    Map<String, Object> facts = new HashMap<>();
    java.math.BigDecimal balance = ledger.balance(debt);
    facts.put("balance", balance);
    var settlement = commitments.settlementOnOffer(debtId).orElse(null);
    facts.put("settlementAmount", settlement);
    facts.put(
        "settlementDiscountPercent",
        settlement == null || balance.signum() <= 0
            ? null
            : balance.subtract(settlement).movePointRight(2).divide(balance, 2, java.math.RoundingMode.HALF_UP));
    facts.put("currency", debt.currency().getCurrencyCode());
    facts.put("daysPastDue", debt.daysPastDue(clock));
    facts.put("product", debt.product());
    facts.put("segment", debt.segment());
    facts.put("jurisdiction", debt.debtor().jurisdiction());
    facts.put("brokenCommitments", commitments.countBroken(debtId));
    facts.put("keptCommitments", commitments.countKept(debtId));
    facts.put("escalationCount", timeline.count(debtId, CaseEventType.DECISION, "decisionId", "escalation-policy"));
    facts.put("legalOutcome", referrals.latestOutcome(debtId).orElse(null));
    facts.put("timeBarred", debt.timeBarred(clock, timeBarYears));
    var hold = holds.newestActive(debtId);
    facts.put("holdKind", hold.map(h -> h.kind().name()).orElse(null));
    // what the law says of it (hold-treatment.dmn reads both, as when the hold was started)
    facts.put("verificationRequired", hold.map(h -> h.requiresVerification()).orElse(null));
    return facts;
  }
}
