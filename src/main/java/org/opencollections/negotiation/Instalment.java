package org.opencollections.negotiation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One amount due on one date; checked once its grace period has passed. */
@Entity
@Table(name = "instalment")
public class Instalment implements org.opencollections.audit.Audited {

  public enum Status { PENDING, PAID, MISSED }

  @Id private UUID id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "commitment_id")
  private Commitment commitment;

  private int number;
  private BigDecimal amount;

  @Column(name = "due_date")
  private LocalDate dueDate;

  @Column(name = "check_at")
  private Instant checkAt;

  @Enumerated(EnumType.STRING)
  private Status status;

  @Column(name = "checked_at")
  private Instant checkedAt;

  protected Instalment() {}

  Instalment(Commitment commitment, int number, BigDecimal amount, LocalDate dueDate, Instant checkAt) {
    this.id = UUID.randomUUID();
    this.commitment = commitment;
    this.number = number;
    this.amount = amount;
    this.dueDate = dueDate;
    this.checkAt = checkAt;
    this.status = Status.PENDING;
  }

  void checked(boolean paid, Instant now) {
    status = paid ? Status.PAID : Status.MISSED;
    checkedAt = now;
  }

  public int number() { return number; }
  public BigDecimal amount() { return amount; }
  public LocalDate dueDate() { return dueDate; }
  public Instant checkAt() { return checkAt; }
  public Status status() { return status; }

  @Override
  public UUID auditedDebtId() {
    return commitment.debtId();
  }
}
