package org.opencollections.intake;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A debtor's phones and e-mail addresses, their consents, validity and workplace flag. */
@RestController
class ContactPointController {

  private final ContactPoints points;

  ContactPointController(ContactPoints points) {
    this.points = points;
  }

  record ConsentView(ContactPoint.Consent status, Instant at, String source) {}

  record ContactPointView(
      UUID id, UUID debtorId, ContactPoint.Kind kind, String value, ContactPoint.Type type,
      @Schema(description = "Per use (call, text for a phone; email for an address); a use without a record is absent")
          Map<String, ConsentView> consent,
      boolean doNotCallAtWork, ContactPoint.Validity validity, Instant validityAt, int priority, Instant createdAt) {

    static ContactPointView of(ContactPoint p) {
      Map<String, ConsentView> consent = new LinkedHashMap<>();
      for (ContactPoint.Use use : ContactPoint.usesOf(p.kind())) {
        if (p.consent(use) != null) {
          consent.put(use.name().toLowerCase(), new ConsentView(p.consent(use), p.consentAt(use), p.consentSource(use)));
        }
      }
      return new ContactPointView(p.id(), p.debtorId(), p.kind(), p.value(), p.type(), consent, p.doNotCallAtWork(),
          p.validity(), p.validityAt(), p.priority(), p.createdAt());
    }
  }

  /** A change: consent given or withdrawn (with its source), wrong number or bounced, do-not-call-at-work, priority. */
  record ContactPointChange(
      @Valid NewContactPoint.Consents consent,
      @Schema(description = "VALID, WRONG_NUMBER (a phone) or BOUNCED (an e-mail address)") ContactPoint.Validity validity,
      Boolean doNotCallAtWork,
      @Min(0) @Max(1000) Integer priority) {}

  @GetMapping("/api/debtors/{id}/contact-points")
  List<ContactPointView> list(@PathVariable UUID id) {
    return points.of(id).stream().map(ContactPointView::of).toList();
  }

  @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "The point is added (a known kind and value answers the stored point)", useReturnTypeSchema = true)
  @PostMapping("/api/debtors/{id}/contact-points")
  ResponseEntity<ContactPointView> add(@PathVariable UUID id, @Valid @RequestBody NewContactPoint request) {
    ContactPoint p = points.add(id, request);
    return ResponseEntity.created(URI.create("/api/debtors/" + id + "/contact-points/" + p.id())).body(ContactPointView.of(p));
  }

  @PatchMapping("/api/debtors/{id}/contact-points/{pointId}")
  ContactPointView change(@PathVariable UUID id, @PathVariable UUID pointId, @Valid @RequestBody ContactPointChange change) {
    return ContactPointView.of(points.change(id, pointId,
        new ContactPoints.Change(change.consent(), change.validity(), change.doNotCallAtWork(), change.priority())));
  }
}
