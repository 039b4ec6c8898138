package org.opencollections.intake;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.opencollections.casefile.CaseStarter;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/debts")
class DebtController {

  private final DebtIntake intake;
  private final DebtQueries queries;
  private final CaseStarter starter;

  DebtController(DebtIntake intake, DebtQueries queries, CaseStarter starter) {
    this.intake = intake;
    this.queries = queries;
    this.starter = starter;
  }

  @PostMapping
  ResponseEntity<DebtView> create(@Valid @RequestBody NewDebt request) {
    Debt debt = intake.register(request);
    starter.startNew(debt.id());
    return ResponseEntity.created(URI.create("/api/debts/" + debt.id())).body(queries.view(debt.id()));
  }

  @GetMapping("/{id}")
  DebtView get(@PathVariable UUID id) {
    return queries.view(id);
  }
}
