package org.opencollections.decision;

import org.opencollections.process.DecisionEngine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.opencollections.timeline.CaseEventType;
import org.opencollections.timeline.Timeline;
import org.opencollections.intake.DebtRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes a case's decisions: evaluates the deployed table on fresh facts and records the decision with its
 * inputs, outputs, version and the rule that matched, so anyone can see later why the case went where it
 * went. A repeated request (same key) returns the recorded outputs instead of deciding again.
 */
@Service
public class Decisions {

  static final String SEGMENTATION = "debt-segmentation";

  private final CaseFacts facts;
  private final DecisionEngine engine;
  private final Timeline timeline;
  private final DebtRepository debts;

  public Decisions(CaseFacts facts, DecisionEngine engine, Timeline timeline, DebtRepository debts) {
    this.facts = facts;
    this.engine = engine;
    this.timeline = timeline;
    this.debts = debts;
  }

  @Transactional
  @SuppressWarnings("unchecked")
  public Map<String, Object> decide(UUID debtId, String decisionId, String resultVariable, String idempotencyKey) {
    var recorded = timeline.detailsOf(idempotencyKey);
    if (recorded.isPresent()) {
      return (Map<String, Object>) recorded.get().get("outputs");
    }
    Map<String, Object> inputs = facts.of(debtId);
    DecisionEngine.Evaluation evaluation = engine.evaluate(decisionId, inputs);
    if (evaluation.outputs() == null || evaluation.matchedRules().isEmpty()) {
      throw new IllegalStateException(
          "Decision " + decisionId + " v" + evaluation.decisionVersion() + " matched no rule for " + inputs
              + ": every table needs a catch-all rule");
    }
    if (SEGMENTATION.equals(decisionId) && evaluation.outputs().get("segment") instanceof String segment) {
      Object priority = evaluation.outputs().get("priority");
      debts.lockById(debtId).orElseThrow()
          .segmented(segment, priority instanceof Number n ? Math.max(0, Math.min(100, n.intValue())) : null);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("decisionId", evaluation.decisionId());
    details.put("decisionName", evaluation.decisionName());
    details.put("decisionVersion", evaluation.decisionVersion());
    details.put("decisionKey", evaluation.decisionKey());
    details.put("decisionChecksum", evaluation.decisionChecksum());
    details.put("resultVariable", resultVariable);
    details.put("matchedRules", evaluation.matchedRules());
    details.put("inputs", inputs);
    details.put("outputs", evaluation.outputs());
    timeline.record(debtId, CaseEventType.DECISION, summary(evaluation), details, idempotencyKey);
    return evaluation.outputs();
  }

  private static String summary(DecisionEngine.Evaluation e) {
    String outputs =
        e.outputs().entrySet().stream()
            .filter(o -> !"reason".equals(o.getKey()))
            .map(o -> o.getKey() + "=" + o.getValue())
            .collect(Collectors.joining(", "));
    Object reason = e.outputs().get("reason");
    return e.decisionName() + " v" + e.decisionVersion() + " (rule " + e.matchedRules().getFirst().ruleId() + "): "
        + outputs + (reason == null ? "" : " — " + reason);
  }
}
