package org.opencollections.compliance;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opencollections.compliance.ContactAttempt.Direction;
import org.opencollections.intake.DebtQueries;
import org.opencollections.platform.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Operators' contacts, asked of the governor first, and the explanation of any attempt. */
@RestController
class ContactAttemptController {

  private final ContactGovernor governor;
  private final ContactAttemptRepository attempts;
  private final DebtQueries debts;

  ContactAttemptController(ContactGovernor governor, ContactAttemptRepository attempts, DebtQueries debts) {
    this.governor = governor;
    this.attempts = attempts;
    this.debts = debts;
  }

  /**
   * @param outcome what happened if the attempt is made: CONVERSATION, NO_ANSWER, VOICEMAIL, WRONG_PARTY, SENT
   * @param requestId optional: the same id again returns the first attempt instead of a second one
   */
  record OperatorContact(
      @NotNull Channel channel,
      @NotNull Direction direction,
      @NotNull @Pattern(regexp = "CONVERSATION|NO_ANSWER|VOICEMAIL|WRONG_PARTY|SENT",
          message = "must be one of CONVERSATION, NO_ANSWER, VOICEMAIL, WRONG_PARTY, SENT") String outcome,
      @Size(max = 100) String requestId,
      @io.swagger.v3.oas.annotations.media.Schema(description = "Optional: the debtor's phone or e-mail address to use (GET /api/debtors/{id}/contact-points); absent: the governor picks the best lawful one and records it")
          UUID contactPointId) {}

  record Explanation(
      UUID id, UUID debtId, Channel channel, Direction direction, String template, String outcome,
      ContactAttempt.Status status, ContactRule rule, String ruleMeaning, String ruleSet, Integer ruleVersion, String ruleChecksum, String actor,
      OffsetDateTime notBefore, String explanation, Map<String, Object> inputs, OffsetDateTime attemptedAt,
      UUID contactPointId) {}

  @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "The governor's answer (made, deferred until when, or blocked by which rule), recorded; a repeated requestId answers the recorded one", useReturnTypeSchema = true)
  @PostMapping("/api/debts/{id}/contact-attempts")
  ResponseEntity<Explanation> contact(@PathVariable UUID id, @Valid @RequestBody OperatorContact request) {
    String key = request.requestId() == null ? null : "operator:" + id + ":" + request.requestId();
    ContactAttempt attempt =
        governor.attempt(id, request.channel(), request.direction(), "operator-" + request.channel().name().toLowerCase(),
            request.outcome(), key, request.contactPointId());
    return ResponseEntity.created(URI.create("/api/debts/" + id + "/contact-attempts/" + attempt.id()))
        .body(explain(attempt, debts.zoneOf(id)));
  }

  @GetMapping("/api/debts/{id}/contact-attempts")
  List<Explanation> all(@PathVariable UUID id) {
    ZoneId zone = debts.zoneOf(id);
    return attempts.findByDebtIdOrderByAttemptedAt(id).stream().map(a -> explain(a, zone)).toList();
  }

  @GetMapping("/api/debts/{id}/contact-attempts/{attemptId}")
  Explanation one(@PathVariable UUID id, @PathVariable UUID attemptId) {
    ContactAttempt attempt =
        attempts.findByIdAndDebtId(attemptId, id)
            .orElseThrow(() -> new NotFoundException("No contact attempt " + attemptId + " on debt " + id));
    return explain(attempt, debts.zoneOf(id));
  }

  private static Explanation explain(ContactAttempt a, ZoneId zone) {
    return new Explanation(
        a.id(), a.debtId(), a.channel(), a.direction(), a.template(), a.outcome(), a.status(), a.rule(),
        a.rule().meaning(), a.ruleSet(), a.ruleVersion(), a.ruleChecksum(), a.actor(),
        a.notBefore() == null ? null : a.notBefore().atZone(zone).toOffsetDateTime(), a.explanation(), a.inputs(),
        a.attemptedAt().atZone(zone).toOffsetDateTime(), a.contactPointId());
  }
}
