package org.opencollections.compliance;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.opencollections.casefile.CaseWorkflow;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HoldController {

  private final Holds holds;
  private final CaseWorkflow workflow;

  HoldController(Holds holds, CaseWorkflow workflow) {
    this.holds = holds;
    this.workflow = workflow;
  }

  record NewHold(@NotNull HoldKind kind, @Size(max = 500) String reason) {}

  record HoldView(
      UUID id, UUID debtId, HoldKind kind, String reason, Instant startedAt, Instant endsAt, Instant releasedAt,
      boolean requiresVerification, Instant verifiedAt) {
    static HoldView of(Hold h) {
      return new HoldView(h.id(), h.debtId(), h.kind(), h.reason(), h.startedAt(), h.endsAt(), h.releasedAt(),
          h.requiresVerification(), h.verifiedAt());
    }
  }

  @PostMapping("/api/debts/{id}/holds")
  ResponseEntity<HoldView> start(@PathVariable UUID id, @Valid @RequestBody NewHold request) {
    Hold hold = holds.start(id, request.kind(), request.reason());
    workflow.holdStarted(id, hold.id(), hold.kind().name()); // after the commit
    return ResponseEntity.created(URI.create("/api/debts/" + id + "/holds/" + hold.id())).body(HoldView.of(hold));
  }

  @PostMapping("/api/debts/{id}/holds/{holdId}/release")
  HoldView release(@PathVariable UUID id, @PathVariable UUID holdId) {
    return released(holds.release(id, holdId));
  }

  /** A dispute is answered: verification of the debt was sent, and collection may go on. */
  @PostMapping("/api/debts/{id}/holds/{holdId}/verification")
  HoldView verify(@PathVariable UUID id, @PathVariable UUID holdId) {
    return released(holds.verify(id, holdId));
  }

  private HoldView released(Hold hold) {
    if (holds.noneActive(hold.debtId())) {
      workflow.holdsReleased(hold.debtId(), hold.id());
    }
    return HoldView.of(hold);
  }
}
