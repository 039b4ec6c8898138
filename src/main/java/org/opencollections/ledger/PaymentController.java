package org.opencollections.ledger;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.opencollections.casefile.CaseWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PaymentController {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentController.class);

  private final Payments payments;
  private final CaseWorkflow workflow;

  PaymentController(Payments payments, CaseWorkflow workflow) {
    this.payments = payments;
    this.workflow = workflow;
  }

  /** 201 for a new payment, 200 with the first posting when the reference was posted before. */
  @PostMapping("/api/debts/{id}/payments")
  ResponseEntity<PaymentView> post(@PathVariable UUID id, @Valid @RequestBody NewPayment request) {
    Payments.Result result = payments.post(id, request);
    PaymentView payment = result.payment();
    try {
      // after the commit. A repeated full payment is passed on again in case the first notice was lost;
      // the message id (the reference) keeps the process from seeing it twice.
      if (result.created() || payment.paidInFull()) {
        workflow.paymentReceived(id, payment.reference(), payment.paidInFull());
      }
    } catch (RuntimeException e) {
      LOG.warn("Payment {} on case {} is posted, but the process was not told: {}", payment.reference(), id, e.getMessage());
    }
    return result.created()
        ? ResponseEntity.created(URI.create("/api/debts/" + id + "/payments/" + payment.postingId())).body(payment)
        : ResponseEntity.status(HttpStatus.OK).body(payment);
  }
}
