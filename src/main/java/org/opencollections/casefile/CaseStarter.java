package org.opencollections.casefile;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opencollections.compliance.Holds;
import org.opencollections.intake.Debt;
import org.opencollections.intake.DebtRepository;
import org.opencollections.intake.Stage;
import org.opencollections.legal.LegalReferrals;
import org.opencollections.negotiation.Commitments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Limit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives every open case a running process instance: starts new cases, and resumes at its recorded stage
 * every open case whose instance is gone (the in-process engine forgets its instances on restart, while
 * PostgreSQL keeps the cases). Starts are sequential, so they go at the pace the engine accepts.
 */
@Service
public class CaseStarter {

  private static final Logger LOG = LoggerFactory.getLogger(CaseStarter.class);
  private static final int BATCH = 200;
  /** Cases younger than this are left to the request that created them. */
  private static final Duration GRACE = Duration.ofSeconds(30);
  /** At start-up no request is creating cases yet: every open case without a live instance is resumed. */
  private static final java.time.Instant EVERY_CASE = java.time.Instant.parse("9999-01-01T00:00:00Z");

  private final DebtRepository debts;
  private final CaseWorkflow workflow;
  private final Timeline timeline;
  private final Commitments commitments;
  private final LegalReferrals referrals;
  private final Holds holds;
  private final TransactionTemplate tx;
  private final Clock clock;

  public CaseStarter(
      DebtRepository debts, CaseWorkflow workflow, Timeline timeline, Commitments commitments,
      LegalReferrals referrals, Holds holds, TransactionTemplate tx, Clock clock) {
    this.debts = debts;
    this.workflow = workflow;
    this.timeline = timeline;
    this.commitments = commitments;
    this.referrals = referrals;
    this.holds = holds;
    this.tx = tx;
    this.clock = clock;
  }

  /** Starts the process of a case that was just committed. A failure leaves it for the retry. */
  public void startNew(UUID debtId) {
    try {
      long key = workflow.start(debtId);
      tx.executeWithoutResult(s -> debts.attachProcess(debtId, key, workflow.epoch()));
    } catch (RuntimeException e) {
      LOG.warn("Could not start the process of case {} now; it will be retried: {}", debtId, e.getMessage());
    }
  }

  /** Gives an open case whose process ended (it was reopened) a new instance at its stage, now. */
  public synchronized void resumeNow(UUID debtId) {
    if (!resume(debtId)) {
      LOG.warn("Case {} was reopened but its process could not be started now; the retry will", debtId);
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  public void resumeAfterStart() {
    int resumed = resumeLost(EVERY_CASE);
    if (resumed > 0) {
      LOG.info("Resumed {} open cases whose process instance was gone", resumed);
    }
  }

  @Scheduled(
      initialDelayString = "${collections.resume.retry-interval:PT1M}",
      fixedDelayString = "${collections.resume.retry-interval:PT1M}")
  public void retry() {
    resumeLost(clock.instant().minus(GRACE));
  }

  /** @return how many cases got a new process instance */
  synchronized int resumeLost(java.time.Instant createdBefore) {
    int total = 0;
    List<UUID> batch;
    do {
      batch = debts.findOpenWithoutProcessOn(workflow.epoch(), createdBefore, Limit.of(BATCH));
      for (UUID id : batch) {
        if (!resume(id)) {
          return total; // the engine is not accepting: try again on the next round
        }
        total++;
      }
    } while (batch.size() == BATCH);
    return total;
  }

  private boolean resume(UUID debtId) {
    try {
      ResumePoint point = tx.execute(s -> resumePoint(debts.findById(debtId).orElseThrow()));
      long key = workflow.resume(debtId, point);
      tx.executeWithoutResult(
          s -> {
            debts.attachProcess(debtId, key, workflow.epoch());
            timeline.record(
                debtId,
                CaseEventType.CASE_RESUMED,
                "Process started at stage " + point.stage(),
                Map.of("stage", point.stage().name(), "processInstanceKey", key));
          });
      return true;
    } catch (RuntimeException e) {
      LOG.warn("Could not resume case {}: {}", debtId, e.getMessage());
      return false;
    }
  }

  private ResumePoint resumePoint(Debt debt) {
    Map<String, Object> variables = new HashMap<>();
    // a hold's treatment routes the start of collection, so it only goes back to a case still on hold
    List<String> results = debt.stage() == Stage.ON_HOLD
        ? List.of("segmentation", "escalation", "writeOffDecision", "holdTreatment")
        : List.of("segmentation", "escalation", "writeOffDecision");
    for (String result : results) {
      timeline
          .latest(debt.id(), CaseEventType.DECISION, "resultVariable", result)
          .ifPresent(d -> variables.put(result, d.get("outputs")));
    }
    boolean awaitingCounsel = false;
    Stage stage = debt.stage();
    switch (stage) {
      case MONITORING -> variables.putAll(commitments.resumeVariables(debt.id()));
      case LEGAL -> awaitingCounsel = referrals.awaitingCounsel(debt.id());
      // released while the engine was away: collection starts where the hold treatment says
      case ON_HOLD -> stage = holds.noneActive(debt.id()) ? Stage.SEGMENTATION : Stage.ON_HOLD;
      default -> {}
    }
    if (stage == Stage.MONITORING && !variables.containsKey("instalments")) {
      stage = Stage.NEGOTIATION; // nothing left to monitor: negotiate again
    }
    return new ResumePoint(stage, awaitingCounsel, variables);
  }
}
