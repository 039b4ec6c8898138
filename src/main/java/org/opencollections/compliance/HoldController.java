package org.opencollections.compliance;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HoldController {

  private final Holds holds;

  HoldController(Holds holds) {
    this.holds = holds;
  }

  /** @param requestId optional: the same id again answers the first hold (200) instead of starting a second */
  record NewHold(
      @NotNull HoldKind kind,
      @Size(max = 500) String reason,
      @Size(max = 100) String requestId,
      @io.swagger.v3.oas.annotations.media.Schema(description = "How a dispute or cease request came; absent: taken as WRITTEN (the strictest reading)")
          Medium medium,
      @io.swagger.v3.oas.annotations.media.Schema(description = "RFC 3339: when the debtor's request was received; absent: now. Never in the future")
          java.time.OffsetDateTime receivedAt,
      @io.swagger.v3.oas.annotations.media.Schema(description = "For a cease request: the channel the debtor asked us to stop using. An ORAL request naming one blocks that channel only (12 CFR 1006.14(h), as dmn/hold-treatment.dmn decides); otherwise all communication stops")
          Channel channel) {}

  record HoldView(
      UUID id, UUID debtId, HoldKind kind, String reason, Instant startedAt, Instant endsAt, Instant releasedAt,
      @io.swagger.v3.oas.annotations.media.Schema(description = "By law: a dispute in writing within the validation period (12 CFR 1006.38(d)(2))")
          boolean requiresVerification,
      Instant verifiedAt, Medium medium, Instant receivedAt,
      @io.swagger.v3.oas.annotations.media.Schema(description = "false: a dispute only noted (dmn/hold-treatment.dmn), collection goes on")
          boolean pausesCollection,
      @io.swagger.v3.oas.annotations.media.Schema(description = "Who started it: the signed-in user")
          String actor) {
    static HoldView of(Hold h) {
      return new HoldView(h.id(), h.debtId(), h.kind(), h.reason(), h.startedAt(), h.endsAt(), h.releasedAt(),
          h.requiresVerification(), h.verifiedAt(), h.medium(), h.receivedAt(), h.pausesCollection(), h.actor());
    }
  }

  /** 201 with the new hold, 200 with the first one for a known {@code requestId}; the process hears of it after the commit. */
  @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "The hold is started", useReturnTypeSchema = true)
  @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The same requestId again: the hold it started", useReturnTypeSchema = true)
  @PostMapping("/api/debts/{id}/holds")
  ResponseEntity<HoldView> start(@PathVariable UUID id, @Valid @RequestBody NewHold request) {
    String key = request.requestId() == null || request.requestId().isBlank() ? null : request.requestId().trim();
    Holds.Started started = holds.start(id, request.kind(), request.reason(), key, request.medium(),
        request.receivedAt() == null ? null : request.receivedAt().toInstant(), request.channel());
    Hold hold = started.hold();
    return started.created()
        ? ResponseEntity.created(URI.create("/api/debts/" + id + "/holds/" + hold.id())).body(HoldView.of(hold))
        : ResponseEntity.ok(HoldView.of(hold));
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
    return HoldView.of(hold); // when it was the last active one, the process hears of it after the commit
  }
}
