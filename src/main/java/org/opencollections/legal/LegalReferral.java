package org.opencollections.legal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A case handed to counsel, and what counsel reported back. */
@Entity
@Table(name = "legal_referral")
public class LegalReferral {

  @Id private UUID id;

  @Column(name = "debt_id")
  private UUID debtId;

  @Column(name = "counsel_ref")
  private String counselRef;

  private String outcome;

  @Column(name = "idempotency_key")
  private String idempotencyKey;

  @Column(name = "referred_at")
  private Instant referredAt;

  @Column(name = "outcome_at")
  private Instant outcomeAt;

  protected LegalReferral() {}

  LegalReferral(UUID debtId, String idempotencyKey, Instant now) {
    this.id = UUID.randomUUID();
    this.debtId = debtId;
    this.counselRef = "pending";
    this.idempotencyKey = idempotencyKey;
    this.referredAt = now;
  }

  void referredAs(String counselRef) {
    this.counselRef = counselRef;
  }

  void outcome(LegalOutcome outcome, Instant now) {
    this.outcome = outcome.name();
    this.outcomeAt = now;
  }

  public UUID id() { return id; }
  public UUID debtId() { return debtId; }
  public String counselRef() { return counselRef; }
  public String outcome() { return outcome; }
  public Instant referredAt() { return referredAt; }
}
