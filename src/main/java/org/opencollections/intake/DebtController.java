package org.opencollections.intake;

import io.swagger.v3.oas.annotations.Parameter;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/debts")
class DebtController {

  private final DebtIntake intake;
  private final DebtQueries queries;
  private final WorkQueue queue;

  DebtController(DebtIntake intake, DebtQueries queries, WorkQueue queue) {
    this.intake = intake;
    this.queries = queries;
    this.queue = queue;
  }

  @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "The debt is registered and its case starts; Location names it", useReturnTypeSchema = true)
  @PostMapping
  ResponseEntity<DebtView> create(@Valid @RequestBody NewDebt request) {
    Debt debt = intake.register(request); // its process is started after the commit, through the outbox
    return ResponseEntity.created(URI.create("/api/debts/" + debt.id())).body(queries.view(debt.id()));
  }

  @GetMapping("/{id}")
  DebtView get(@PathVariable UUID id) {
    return queries.view(id);
  }

  /** The work queue: filtered, paged, highest priority first. */
  @GetMapping
  WorkQueue.Page list(
      @RequestParam(required = false) Stage stage,
      @RequestParam(required = false) String segment,
      @RequestParam(required = false) CaseStatus status,
      @RequestParam(required = false) BigDecimal minBalance,
      @RequestParam(required = false) BigDecimal maxBalance,
      @RequestParam(required = false) String assignee,
      @Parameter(description = "only the debts of this portfolio import") @RequestParam(required = false) UUID importId,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(WorkQueue.MAX_PAGE_SIZE) int size) {
    return queue.find(new WorkQueue.Filter(stage, segment, status, minBalance, maxBalance, assignee, null, importId), page, size);
  }

  record Assignment(@Size(max = 100) String assignee) {}

  /** Puts the case in an operator's queue ({@code null} takes it out). */
  @PutMapping("/{id}/assignee")
  DebtView assign(@PathVariable UUID id, @Valid @RequestBody Assignment request) {
    intake.assign(id, request.assignee() == null || request.assignee().isBlank() ? null : request.assignee().trim());
    return queries.view(id);
  }

  /** The caller takes the case into their own queue: 409 if someone else holds it. Repeating it changes nothing. */
  @PostMapping("/{id}/claim")
  DebtView claim(@PathVariable UUID id) {
    intake.claim(id);
    return queries.view(id);
  }

  /** The holder (or a supervisor) gives the case back to the shared queue. */
  @org.springframework.web.bind.annotation.DeleteMapping("/{id}/claim")
  DebtView release(@PathVariable UUID id) {
    intake.release(id);
    return queries.view(id);
  }
}
