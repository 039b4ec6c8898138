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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TimelineController {

  private final Timeline timeline;
  private final DebtQueries debts;

  TimelineController(Timeline timeline, DebtQueries debts) {
    this.timeline = timeline;
    this.debts = debts;
  }

  /** Everything that happened to the case, oldest first, times in the debtor's zone. */
  @GetMapping("/api/debts/{id}/timeline")
  List<Entry> timeline(@PathVariable UUID id) {
    ZoneId zone = debts.zoneOf(id);
    return timeline.of(id).stream()
        .map(e -> new Entry(e.id(), e.occurredAt().atZone(zone).toOffsetDateTime(), e.type(), e.summary(), e.details()))
        .toList();
  }

  record Entry(long id, OffsetDateTime occurredAt, CaseEventType type, String summary, Map<String, Object> details) {}
}
