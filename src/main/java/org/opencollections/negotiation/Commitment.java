package org.opencollections.negotiation;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A promise to pay, a payment plan or an approved settlement: instalments the debtor agreed to pay. */
@Entity
@Table(name = "commitment")
public class Commitment implements org.opencollections.audit.Audited {

  /** SUPERSEDED: a later commitment replaced it before it was kept or broken (e.g. a declined settlement). */
  public enum Status { ACTIVE, KEPT, BROKEN, SUPERSEDED }

  @Id private UUID id;

  @Column(name = "debt_id")
  private UUID debtId;

  @Enumerated(EnumType.STRING)
  private CommitmentKind kind;

  @Enumerated(EnumType.STRING)
  private Status status;

  @Column(name = "total_amount")
  private BigDecimal totalAmount;

  private String currency;

  @Column(name = "idempotency_key")
  private String idempotencyKey;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "resolved_at")
  private Instant resolvedAt;

  @Column(name = "grace_days")
  private Integer graceDays;

  @Column(name = "tolerance_percent")
  private BigDecimal tolerancePercent;

  @Column(name = "declared_monthly_income")
  private BigDecimal declaredMonthlyIncome;

  @Column(name = "declared_monthly_expenses")
  private BigDecimal declaredMonthlyExpenses;

  /** Who made it: the user who completed the negotiation task; null when unknown (completed in Tasklist). */
  @Column(length = 100)
  private String actor;

  @OneToMany(mappedBy = "commitment", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("number")
  private List<Instalment> instalments = new ArrayList<>();

  protected Commitment() {}

  Commitment(UUID debtId, CommitmentKind kind, String currency, String idempotencyKey, Instant now, String actor) {
    this.id = UUID.randomUUID();
    this.actor = actor;
    this.debtId = debtId;
    this.kind = kind;
    this.status = Status.ACTIVE;
    this.currency = currency;
    this.idempotencyKey = idempotencyKey;
    this.createdAt = now;
    this.totalAmount = BigDecimal.ZERO;
  }

  /** The terms it was agreed on: grace days and tolerance, and for a plan the declared budget. */
  void agreedOn(int graceDays, BigDecimal tolerancePercent, BigDecimal monthlyIncome, BigDecimal monthlyExpenses) {
    this.graceDays = graceDays;
    this.tolerancePercent = tolerancePercent;
    this.declaredMonthlyIncome = monthlyIncome;
    this.declaredMonthlyExpenses = monthlyExpenses;
  }

  int graceDays(int otherwise) {
    return graceDays == null ? otherwise : graceDays;
  }

  BigDecimal tolerancePercent(BigDecimal otherwise) {
    return tolerancePercent == null ? otherwise : tolerancePercent;
  }

  void add(Instalment instalment) {
    instalments.add(instalment);
    totalAmount = totalAmount.add(instalment.amount());
  }

  /** What must have been paid since the commitment was made, once instalment {@code number} is due. */
  BigDecimal dueThrough(int number) {
    return instalments.stream()
        .filter(i -> i.number() <= number)
        .map(Instalment::amount)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  void resolve(Status outcome, Instant now) {
    if (status == Status.ACTIVE) {
      status = outcome;
      resolvedAt = now;
    }
  }

  public UUID id() { return id; }
  public UUID debtId() { return debtId; }
  public CommitmentKind kind() { return kind; }
  public Status status() { return status; }
  public BigDecimal totalAmount() { return totalAmount; }
  public String currency() { return currency; }
  public Instant createdAt() { return createdAt; }
  public String actor() { return actor; }
  public List<Instalment> instalments() { return instalments; }

  @Override
  public UUID auditedDebtId() {
    return debtId;
  }
}
