package org.opencollections.ledger;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.opencollections.intake.DebtQueries;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Payments, reversals and charges on a debt, and its postings. */
@RestController
class PaymentController {

  private final Payments payments;
  private final Charges charges;
  private final PostingRepository postings;
  private final DebtQueries debts;

  PaymentController(
      Payments payments, Charges charges, PostingRepository postings, DebtQueries debts) {
    this.payments = payments;
    this.charges = charges;
    this.postings = postings;
    this.debts = debts;
  }

  /**
   * 201 for a new payment, 200 with the first posting when the reference was posted before. A payment on a
   * paid case is kept as the debtor's credit; on a written-off case it is booked as a recovery.
   */
  @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "The payment is posted", useReturnTypeSchema = true)
  @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The same reference and amount again: the payment already posted", useReturnTypeSchema = true)
  @PostMapping("/api/debts/{id}/payments")
  ResponseEntity<PaymentView> post(@PathVariable UUID id, @Valid @RequestBody NewPayment request) {
    Payments.Result result = payments.post(id, request); // the process hears of it through the outbox
    PaymentView payment = result.payment();
    return result.created()
        ? ResponseEntity.created(URI.create("/api/debts/" + id + "/payments/" + payment.postingId())).body(payment)
        : ResponseEntity.status(HttpStatus.OK).body(payment);
  }

  record ReversalRequest(@NotBlank @Size(max = 200) String reason) {}

  /** A chargeback or bounced payment: 201 with the reversal (200 when it was reversed before). */
  @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "The payment is reversed", useReturnTypeSchema = true)
  @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "It was reversed before: that reversal", useReturnTypeSchema = true)
  @PostMapping("/api/debts/{id}/payments/{paymentId}/reversal")
  ResponseEntity<Payments.Reversal> reverse(
      @PathVariable UUID id, @PathVariable UUID paymentId, @Valid @RequestBody ReversalRequest request) {
    Payments.Reversal reversal = payments.reverse(id, paymentId, request.reason());
    return ResponseEntity.status(reversal.created() ? HttpStatus.CREATED : HttpStatus.OK).body(reversal);
  }

  record ChargeRequest(
      @NotNull PostingKind kind, @NotNull BigDecimal amount, @NotBlank @org.opencollections.platform.IsoCurrency String currency,
      @NotBlank @Size(max = 120) String reference, @NotBlank @Size(max = 200) String reason) {}

  /** Interest or a fee: 201, 200 for a known reference, 409 while a hold freezes charges or the case is closed. */
  @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "The charge is booked", useReturnTypeSchema = true)
  @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The same reference again: the charge already booked", useReturnTypeSchema = true)
  @PostMapping("/api/debts/{id}/charges")
  ResponseEntity<PaymentView> charge(@PathVariable UUID id, @Valid @RequestBody ChargeRequest request) {
    Charges.Result result =
        charges.charge(id, request.kind(), request.amount(), request.currency(), request.reference(), request.reason());
    return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK).body(result.charge());
  }

  record PostingView(
      UUID id, PostingKind kind, BigDecimal amount, String currency, String reference, java.time.OffsetDateTime bookedAt,
      @io.swagger.v3.oas.annotations.media.Schema(description = "Who booked it: a user, or process") String bookedBy) {}

  /** The ledger of the debt, oldest first (times in the debtor's zone); the balance is derived from it. */
  @GetMapping("/api/debts/{id}/postings")
  List<PostingView> postings(@PathVariable UUID id) {
    var zone = debts.zoneOf(id);
    return postings.findByDebtIdOrderByBookedAt(id).stream()
        .map(p -> new PostingView(p.id(), p.kind(), p.amount(), p.currency().getCurrencyCode(), p.reference(),
            p.bookedAt().atZone(zone).toOffsetDateTime(), p.actor()))
        .toList();
  }
}
