package org.opencollections.compliance;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencollections.process.DecisionEngine;
import org.springframework.stereotype.Component;

/**
 * What a new hold does: the law's minimum, fixed here, and the creditor's policy beyond it, from
 * dmn/hold-treatment.dmn. By law a dispute in writing (or electronically) received within the validation
 * period stops collection until verification is sent (12 CFR 1006.38(d)(2)); whether an oral or late dispute
 * pauses collection anyway is the table's (as delivered: it does not). The live hold API and the what-if both
 * ask here.
 */
@Component
public class HoldTreatment {

  static final String DECISION = "hold-treatment";

  /**
   * @param verificationRequired the law's answer
   * @param pausesCollection the table's: false for a dispute that is only noted, collection going on
   * @param ceaseScope for a cease request: ALL (every communication stops, 15 U.S.C. 1692c(c)) or CHANNEL (only the
   *     medium the debtor named, 12 CFR 1006.14(h)); ALL when the table does not say
   */
  public record Treatment(
      boolean verificationRequired, boolean pausesCollection, String reason, Map<String, Object> decision, String ceaseScope) {

    public Treatment(boolean verificationRequired, boolean pausesCollection, String reason, Map<String, Object> decision) {
      this(verificationRequired, pausesCollection, reason, decision, "ALL");
    }

    /** A cease request that stops only the channel the debtor named. */
    public boolean ceasesOneChannel() {
      return "CHANNEL".equals(ceaseScope);
    }
  }

  private final DecisionEngine decisions;

  HoldTreatment(DecisionEngine decisions) {
    this.decisions = decisions;
  }

  /** The law: only a dispute in writing within the validation period (or before any notice) needs verification. */
  public static boolean verificationRequired(
      HoldKind kind, Medium medium, Instant receivedAt, Instant noticeSentAt, ZoneId zone) {
    return kind == HoldKind.DISPUTE && (medium == null || medium.inWriting())
        && (noticeSentAt == null || ValidationPeriod.within(noticeSentAt, receivedAt, zone));
  }

  public Treatment decide(HoldKind kind, Medium medium, Instant receivedAt, Instant noticeSentAt, ZoneId zone) {
    boolean required = verificationRequired(kind, medium, receivedAt, noticeSentAt, zone);
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("holdKind", kind.name());
    in.put("verificationRequired", required);
    in.put("medium", medium == null ? null : medium.name());
    DecisionEngine.Evaluation e;
    try {
      e = decisions.evaluate(DECISION, in);
    } catch (RuntimeException engineUnavailable) {
      // without the creditor's policy the strictest reading holds: collection pauses
      return new Treatment(required, true, "hold-treatment could not be asked (" + engineUnavailable.getMessage()
          + "): collection pauses", Map.of());
    }
    Map<String, Object> out = e.outputs() == null ? Map.of() : e.outputs();
    // the law's minimum is not the table's to lower
    boolean pauses = required || !Boolean.FALSE.equals(out.get("pausesCollection"));
    Map<String, Object> decision = new LinkedHashMap<>();
    decision.put("decisionId", e.decisionId());
    decision.put("decisionName", e.decisionName());
    decision.put("decisionVersion", e.decisionVersion());
    decision.put("decisionChecksum", e.decisionChecksum());
    decision.put("matchedRule", e.matchedRules().isEmpty() ? null : e.matchedRules().getFirst().ruleId());
    decision.put("inputs", in);
    return new Treatment(required, pauses, (String) out.get("reason"), decision,
        out.get("ceaseScope") == null ? "ALL" : out.get("ceaseScope").toString());
  }
}
