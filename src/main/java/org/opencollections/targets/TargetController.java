package org.opencollections.targets;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.math.BigDecimal;
import java.net.URI;
import org.opencollections.access.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Monthly targets per collector and the board of their progress (see {@link Targets}). */
@RestController
class TargetController {

  private final Targets targets;

  TargetController(Targets targets) {
    this.targets = targets;
  }

  record TargetRequest(
      @Schema(description = "ISO 4217 code of the amount's currency; collections in other currencies do not count towards it", example = "USD")
          String currency,
      @Schema(description = "Amount to collect in the month, zero or more, at the currency's decimals")
          BigDecimal amountCollected,
      @Schema(description = "Commitments to be kept in the month, zero or more", example = "10")
          Integer promisesKept,
      @Schema(description = "Contacts to be made in the month (allowed by the governor), zero or more", example = "120")
          Integer contactsMade) {}

  /**
   * Sets a collector's targets for a month: 201 for the first, 200 for a change or the same figures again
   * (nothing changes then). Every change is kept with who made it, before and after.
   */
  @ApiResponse(responseCode = "201", description = "The collector's first targets for the month", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "200", description = "The targets changed, or the same figures again (nothing changed)", useReturnTypeSchema = true)
  @PutMapping("/api/targets/{month}/{collector}")
  ResponseEntity<Targets.Target> set(
      @PathVariable @Schema(example = "2027-03") String month, @PathVariable String collector,
      @RequestBody TargetRequest request) {
    Targets.Saved saved =
        targets.set(month, collector, new Targets.Goal(
            request.currency(), request.amountCollected(), request.promisesKept(), request.contactsMade()));
    return saved.created()
        ? ResponseEntity.created(URI.create("/api/targets/" + month + "/" + collector)).body(saved.target())
        : ResponseEntity.ok(saved.target());
  }

  /** Each collector's targets, what they did in the month and the progress (actual ÷ target); an operator sees their own row. */
  @GetMapping("/api/targets/{month}")
  Targets.Board board(@PathVariable @Schema(example = "2027-03") String month, Authentication caller) {
    return targets.board(month, caller.getName(), manages(caller));
  }

  /** One collector's target for the month and every change of it (who, when, before, after). */
  @GetMapping("/api/targets/{month}/{collector}")
  Targets.History history(@PathVariable @Schema(example = "2027-03") String month, @PathVariable String collector,
      Authentication caller) {
    if (!manages(caller) && !caller.getName().equals(collector)) {
      throw new AccessDeniedException("An operator sees only their own targets");
    }
    return targets.history(month, collector);
  }

  static boolean manages(Authentication caller) {
    return caller.getAuthorities().stream()
        .anyMatch(a -> a.getAuthority().equals(Role.SUPERVISOR.authority()) || a.getAuthority().equals(Role.ADMIN.authority()));
  }
}
