package org.opencollections.compliance;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.opencollections.casefile.CaseEventType;
import org.opencollections.casefile.Timeline;
import org.opencollections.intake.DebtRepository;
import org.opencollections.web.ConflictException;
import org.opencollections.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Starts and releases holds; while one is active the governor blocks every contact on the debt. */
@Service
public class Holds {

  private final HoldRepository holds;
  private final DebtRepository debts;
  private final Timeline timeline;
  private final Clock clock;

  public Holds(HoldRepository holds, DebtRepository debts, Timeline timeline, Clock clock) {
    this.holds = holds;
    this.debts = debts;
    this.timeline = timeline;
    this.clock = clock;
  }

  @Transactional
  public Hold start(UUID debtId, HoldKind kind, String reason) {
    var debt = debts.lockById(debtId).orElseThrow(() -> new NotFoundException("No debt " + debtId));
    if (debt.status().closed()) {
      throw new ConflictException("The case is closed (" + debt.status() + ")");
    }
    Hold hold = holds.save(new Hold(debtId, kind, reason, clock.instant()));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("holdId", hold.id().toString());
    details.put("kind", kind.name());
    details.put("endsAt", hold.endsAt() == null ? null : hold.endsAt().toString());
    timeline.record(debtId, CaseEventType.HOLD_STARTED, "Hold started: " + kind + (reason == null ? "" : " — " + reason),
        details, "hold-started:" + hold.id());
    return hold;
  }

  @Transactional
  public Hold release(UUID debtId, UUID holdId) {
    Hold hold = holds.findByIdAndDebtId(holdId, debtId)
        .orElseThrow(() -> new NotFoundException("No hold " + holdId + " on debt " + debtId));
    if (hold.release(clock.instant())) {
      timeline.record(debtId, CaseEventType.HOLD_RELEASED, "Hold released: " + hold.kind(),
          Map.of("holdId", holdId.toString(), "kind", hold.kind().name()), "hold-released:" + holdId);
    }
    return hold;
  }
}
