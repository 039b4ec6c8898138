package org.opencollections.casefile;

import org.opencollections.timeline.CaseEventType;
import org.opencollections.timeline.Timeline;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opencollections.intake.DebtQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail of a case: every change of the debt, its commitments and holds, by whom, before and after. */
@RestController
class AuditController {

  private final Timeline timeline;
  private final DebtQueries debts;

  AuditController(Timeline timeline, DebtQueries debts) {
    this.timeline = timeline;
    this.debts = debts;
  }

  record AuditEntry(long id, OffsetDateTime occurredAt, String summary, Map<String, Object> details) {}

  @GetMapping("/api/audit")
  List<AuditEntry> of(@RequestParam UUID debtId) {
    ZoneId zone = debts.zoneOf(debtId);
    return timeline.of(debtId).stream()
        .filter(e -> e.type() == CaseEventType.AUDIT)
        .map(e -> new AuditEntry(e.id(), e.occurredAt().atZone(zone).toOffsetDateTime(), e.summary(), e.details()))
        .toList();
  }
}
